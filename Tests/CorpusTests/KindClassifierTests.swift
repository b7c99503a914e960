import Testing
@testable import Corpus

@Suite struct KindClassifierTests {
    func kind(_ title: String?, _ lead: String, qa: Bool = false) -> ArticleKind {
        KindClassifier.classify(title: title, paragraphs: [lead], hasQA: qa)
    }

    @Test func kinds() {
        #expect(kind(nil, "Allow me to thank the presidency for the invitation to take part in the debate.") == .statement)
        #expect(kind("Interview of the Secretary General to the TASS agency", "In an exclusive interview...") == .interview)
        #expect(kind(nil, "Imangali Tasmagambetov told BELTA news agency correspondent whether the CSTO...") == .interview)
        #expect(kind(nil, "The XXI International Seminar-Meeting on Combined Martial Arts with the heads of physical training.") == .meeting)
        #expect(kind("In the Kyrgyz Republic, a command-staff exercise began", "October 10...") == .exercise)
        // Training courses are trainings: they belong on the timeline with the exercises.
        #expect(kind(nil, "The regular IX Training Courses of the CSTO member states were hosted.") == .exercise)
        #expect(kind(nil, "Статья без ключевых слов.") == .other)
        #expect(kind("Совместные учения «Взаимодействие-2024»", "Текст.") == .exercise)
        #expect(kind(nil, "Q", qa: true) == .interview)
        #expect(kind("Statement of the CSTO Ministers", "We note.") == .statement)
    }
}

import Testing
@testable import Corpus

@Suite struct EntityExtractorTests {
    let x = EntityExtractor()

    @Test func aliasesAndAcronymsNameOneOrganization() {
        #expect(x.extract(["The Collective Security Treaty Organization met."]).organizations == ["CSTO"])
        #expect(x.extract(["Заседание ОДКБ прошло в Москве."]).organizations == ["CSTO"])
        #expect(x.extract(["The CSTO and the United Nations."]).organizations == ["CSTO", "UN"])
        // An acronym is matched as written, and only as a whole word.
        #expect(!x.extract(["The unrest in UNRCCA's region; un-related text."]).organizations.contains("UN"))
        #expect(x.extract(["the UNRCCA, the CIS ATC and the SCO RATS"]).organizations.starts(with: ["UNRCCA", "CIS ATC", "CIS"]))
    }

    @Test func bodiesAlsoNameTheirOrganization() {
        let orgs = x.extract(["On 25 July 2024, staff of the CSTO Secretariat met with graduates."]).organizations
        #expect(orgs.contains("CSTO Secretariat"))
        #expect(orgs.contains("CSTO"))
    }

    @Test func countriesByOfficialAndShortNames() {
        let c = x.extract(["The Kyrgyz Republic, the Republic of Kazakhstan, Russia and Беларусь."]).countries
        #expect(c == ["Kyrgyzstan", "Kazakhstan", "Russia", "Belarus"])
    }

    @Test func russianNamesInAnyCase() {
        let e = x.extract(["Делегации России, Кыргызской Республики и Армении прибыли в Казахстан; "
            + "заседание Совета министров обороны и Секретариата ОДКБ прошло в Российской Федерации."])
        #expect(e.countries == ["Russia", "Kyrgyzstan", "Armenia", "Kazakhstan"])
        #expect(e.organizations.contains("Council of Defense Ministers"))
        #expect(e.organizations.contains("CSTO Secretariat"))
        #expect(e.organizations.contains("CSTO"))
        // People too, surnames in -ов included; and the instrumental case.
        let p = x.extract(["Под руководством Андрея Сердюкова, вместе с Россией и Арменией."])
        #expect(p.people == ["Andrei Serdyukov"])
        #expect(p.countries == ["Russia", "Armenia"])
        // Short names are only matched as written: "Мало" is not Mali, "Кубок" is not Cuba.
        let short = x.extract(["Мало кто знал. Кубок мира. Мали и Куба."]).countries
        #expect(short == ["Mali", "Cuba"])
        // Stems are Cyrillic only: English words keep their exact spelling.
        #expect(x.extract(["Russias and Armenians."]).countries.isEmpty)
    }

    @Test func peopleFromTheGazetteerAndByPattern() {
        let p = x.extract(["Colonel-General Anatoly Sidorov and Major Timur Zhakenov, with Imangali Tasmagambetov."]).people
        #expect(p == ["Anatoly Sidorov", "Timur Zhakenov", "Imangali Tasmagambetov"])
        // A first name with a patronymic is an address, not a person; with a surname it is the person.
        #expect(x.extract(["— Imangali Nurgaliyevich, you have returned."]).people.allSatisfy { $0 == "Imangali Tasmagambetov" })
        #expect(x.extract(["Vladimir Vladimirovich Putin spoke."]).people == ["Vladimir Putin"])
    }

    @Test func exercisesAreNormalized() {
        let e = x.extract(["peacekeeping forces \"Indestructible Brotherhood - 2024\", the CSTO Interaction-2018 and «Взаимодействие-2018», 2019-2021, Strategy-2025"]).exercises
        #expect(e == ["Indestructible Brotherhood-2024", "Interaction-2018", "Взаимодействие-2018"])
        #expect(x.extract(["within the CSTO \"Combat Brotherhood-2018\""]).exercises == ["Combat Brotherhood-2018"])
    }

    @Test func aUserGazetteerExtendsTheBuiltInOne() {
        var g = Gazetteer.builtIn
        let bad = g.add(tsv: "# mine\norg\tTest Alliance of Steppe States\tTASS-X|TASSX|Альянс Степи\nperson\tIvan Testov\t\nnot a line\n")
        #expect(bad == [4])
        let e = EntityExtractor(gazetteer: g).extract(["The TASSX and the CSTO; Ivan Testov spoke."])
        #expect(e.organizations == ["Test Alliance of Steppe States", "CSTO"])
        #expect(e.people == ["Ivan Testov"])
    }
}

/// Names inside names, bodies of other states, adjectives after first names, sentence starts.
@Suite struct EntityBoundaryTests {
    let x = EntityExtractor()

    @Test func organizationsNamedInsideABodysName() {
        let o = x.extract(["The Secretariat of the Collective Security Treaty Organization and the United Nations Security Council."]).organizations
        #expect(o.contains("CSTO"))
        #expect(o.contains("UN"))
    }

    @Test func genericBodiesOfOtherStatesAreNotTheCSTOs() {
        let o = x.extract(["The Joint Staff of the Armed Forces of Kazakhstan and the Parliamentary Assembly of the Union State met."]).organizations
        #expect(!o.contains("CSTO Joint Staff"))
        #expect(!o.contains("CSTO Parliamentary Assembly"))
    }

    @Test func adjectivesAfterFirstNamesAreNotPeople() {
        #expect(x.extract(["The Roman Catholic church and Karen Armenian traditions."]).people.isEmpty)
    }

    @Test func sentenceStartsAreNotPartOfExerciseNames() {
        let e = x.extract(["During Interaction-2024 troops trained. After Echelon-2024 ended, the Army-2024 forum opened. Following Interaction-2024 it closed."]).exercises
        #expect(e == ["Interaction-2024", "Echelon-2024"])
    }

    @Test func aGazetteerWithWindowsLineEndingsIsReadLineByLine() {
        var g = Gazetteer()
        let bad = g.add(tsv: "org\tAlpha Union\tAU|Alpha\r\norg\tBeta Council\tBC\r\n# note\r\n")
        #expect(bad.isEmpty)
        #expect(g.entries.map(\.canonical) == ["Alpha Union", "Beta Council"])
        #expect(g.entries[0].aliases == ["AU", "Alpha"])
    }
}

/// A deterministic generator of synthetic pages in the seeds' layout, for tests and benchmarks:
/// sidebar teasers (dated and undated, one or two paragraphs) repeated across pages, a main
/// article (title, dated repeat, body; sometimes an interview, sometimes with no dated repeat),
/// contacts and the footer, over a long-tailed vocabulary. The same seed gives the same pages.
public struct PageGenerator: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// SplitMix64: small, fast and the same everywhere.
    public struct RNG: Sendable {
        public var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        public mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        public mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
        /// Zipf-like: small indexes far more often than large ones.
        mutating func zipf(_ n: Int) -> Int {
            let u = Double(next() % 1_000_000 + 1) / 1_000_001
            return min(n - 1, Int(Double(n) * u * u * u))
        }
    }

    static let syllables = ["ka", "ro", "mi", "tan", "sel", "vor", "gra", "dek", "lin", "sto", "pa", "zhe", "bur", "nik",
                            "ta", "lev", "shi", "mon", "dra", "vel", "ost", "ur", "pri", "kol", "as", "ben", "tur", "yan"]
    /// A long-tailed lexicon: common English words of the site first, invented words after.
    static let lexicon: [String] = {
        var words = ["security", "cooperation", "member", "states", "collective", "organization", "meeting", "forces",
                     "joint", "training", "region", "international", "issues", "measures", "development", "council",
                     "secretary", "general", "delegation", "agreement", "peacekeeping", "border", "terrorism",
                     "extremism", "crisis", "response", "military", "political", "strategic", "exercise", "defense",
                     "ministers", "session", "plan", "results", "participants", "situation", "threats", "counter",
                     "information", "emergency", "drug", "trafficking", "migration", "cyber", "partnership", "dialogue"]
        var rng = RNG(state: 42)
        while words.count < 30_000 {
            var w = ""
            for _ in 0..<(2 + rng.int(3)) { w += rng.pick(syllables) }
            words.append(w)
        }
        return words
    }()

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let bodies = ["the CSTO Secretariat", "the Collective Security Council", "the Council of Foreign Ministers",
                         "the Council of Defense Ministers", "the CSTO Joint Staff", "the Working Group on Afghanistan",
                         "the CSTO Parliamentary Assembly", "the Military Committee", "the Permanent Council"]
    static let partners = ["the UN", "the CIS", "the SCO", "the OSCE", "the ICRC", "the UNRCCA", "the CIS ATC", "the SCO RATS"]
    static let people = ["Imangali Tasmagambetov", "Andrei Serdyukov", "Samat Ordabaev", "Taalatbek Masadykov",
                         "Valery Semerikov", "Anatoly Sidorov", "Stanislav Zas", "Timur Zhakenov", "Marat Bekov",
                         "Dmitry Volkov", "Arman Sultanov", "Sergei Petrov"]
    static let places = ["Moscow", "Minsk", "Astana", "Bishkek", "Dushanbe", "Yerevan", "Almaty", "Osh", "Brest", "Sochi"]
    static let exercises = ["Interaction", "Indestructible Brotherhood", "Combat Brotherhood", "Search", "Echelon",
                            "Rubezh", "Cobalt", "Thunder", "Frontier", "Channel"]

    struct GenArticle {
        var title: String
        var day: Int, month: Int, year: Int
        var lead: String
        var body: [String]
        var interview: Bool
        var contacts: [String]
    }

    func words(_ rng: inout RNG, _ n: Int) -> String {
        var parts: [String] = []
        parts.reserveCapacity(n)
        for _ in 0..<n { parts.append(Self.lexicon[rng.zipf(Self.lexicon.count)]) }
        return parts.joined(separator: " ")
    }

    func sentence(_ rng: inout RNG) -> String {
        var s: String
        switch rng.int(5) {
        case 0: s = "\(rng.pick(Self.people)) noted that \(words(&rng, 8 + rng.int(10)))"
        case 1: s = "Representatives of \(rng.pick(Self.partners)) and \(rng.pick(Self.bodies)) discussed \(words(&rng, 6 + rng.int(12)))"
        case 2: s = "In \(rng.pick(Self.places)) the participants considered \(words(&rng, 10 + rng.int(10)))"
        case 3: s = "The \(rng.pick(Self.exercises))-\(2010 + rng.int(15)) plan provides for \(words(&rng, 6 + rng.int(8)))"
        default: s = words(&rng, 10 + rng.int(14))
        }
        return s.prefix(1).uppercased() + s.dropFirst() + "."
    }

    func paragraph(_ rng: inout RNG) -> String {
        (0..<(2 + rng.int(4))).map { _ in sentence(&rng) }.joined(separator: " ")
    }

    /// Article `i` of the synthetic archive (the same for a given seed and index).
    func article(_ i: Int) -> GenArticle {
        var rng = RNG(state: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(i))
        let year = 2008 + (i / 1500) % 17
        let month = 1 + rng.int(12)
        let day = 1 + rng.int(28)
        let kind = rng.int(10)
        let place = rng.pick(Self.places)
        let ex = "\(rng.pick(Self.exercises))-\(year)"
        let title: String
        let lead: String
        var interview = false
        switch kind {
        case 0...2:
            title = "The \(ex) exercise of the CSTO forces \(words(&rng, 3))"
            lead = "From \(day) to \(min(28, day + 1 + rng.int(5))) \(Self.months[month - 1]) \(year), the command-staff exercise \"\(ex)\" is being held in \(place) with \(words(&rng, 6 + rng.int(10)))."
        case 3...6:
            title = "Meeting of \(rng.pick(Self.bodies).dropFirst(4)) in \(place) on \(words(&rng, 2))"
            lead = "On \(day) \(Self.months[month - 1]) \(year), a meeting of \(rng.pick(Self.bodies)) was held in \(place) with the participation of \(rng.pick(Self.people)) and \(words(&rng, 8 + rng.int(10)))."
        case 7:
            interview = true
            title = "Interview of \(rng.pick(Self.people)) to the \(["TASS", "BELTA", "Kabar", "Kazinform"][rng.int(4)]) agency on \(words(&rng, 2))"
            lead = "In an interview, \(rng.pick(Self.people)) spoke about \(words(&rng, 12 + rng.int(10)))."
        default:
            title = "\(rng.pick(Self.people)) \(words(&rng, 5 + rng.int(5)))"
            lead = "\(rng.pick(Self.people)) \(words(&rng, 14 + rng.int(14))) \(rng.pick(Self.partners)) \(words(&rng, 6))."
        }
        var body: [String] = []
        let n = 3 + rng.int(8)
        for k in 0..<n {
            if interview {
                body.append(k % 2 == 0 ? "— \(sentence(&rng).dropLast()) \(words(&rng, 4))?" : "— \(paragraph(&rng))")
            } else {
                body.append(paragraph(&rng))
            }
        }
        if interview, body.count % 2 == 1 { body.append("— \(paragraph(&rng))") }
        var contacts: [String] = []
        if rng.chance(0.2) { contacts = ["CSTO press secretary \(rng.pick(Self.people))", "Email: odkb-pressa@gov.ru"] }
        return GenArticle(title: title, day: day, month: month, year: year, lead: lead, body: body, interview: interview, contacts: contacts)
    }

    static func dotted(_ a: GenArticle) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(a.day)).\(two(a.month)).\(a.year)"
    }

    /// Page `p`: a few teasers of neighbouring articles, then article `p` in full.
    public func page(_ p: Int) -> (name: String, text: String) {
        var rng = RNG(state: seed ^ (UInt64(p) &* 0x9E37_79B9_7F4A_7C15))
        var out = ""
        let teasers = rng.chance(0.1) ? 0 : 2 + rng.int(4)
        for _ in 0..<teasers {
            let j = max(0, p + 1 + rng.int(40) - 20)
            let a = article(j)
            if rng.chance(0.5) { out += Self.dotted(a) + "\n\n" }
            out += a.lead + "\n"
            if rng.chance(0.15), let extra = a.body.first, !a.interview { out += "\n" + extra + "\n" }
            out += "\n\n"
        }
        let a = article(p)
        out += a.title + "\n\n"
        if !rng.chance(0.05) { out += a.title + " " + Self.dotted(a) + "\n\n" }
        out += a.interview ? "In an exclusive interview, \(a.lead.dropFirst("In an interview, ".count))\n\n" : a.lead + "\n\n"
        for para in a.body { out += para + "\n\n" }
        for c in a.contacts { out += c + "\n\n" }
        if !rng.chance(0.05) { out += "Go back\n\nBack to the section\n\nBack to the all news" }
        let name = String(format6(p)) + ".txt"
        return (name, out)
    }

    private func format6(_ p: Int) -> String {
        let s = String(p)
        return String(repeating: "0", count: max(0, 6 - s.count)) + s
    }

    /// The first `count` pages.
    public func pages(count: Int) -> [(name: String, text: String)] {
        (0..<count).map(page)
    }
}

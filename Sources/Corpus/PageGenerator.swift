/// A deterministic generator of synthetic pages for tests and benchmarks, in a mix of the layouts
/// the real site uses (`Layout`): sidebar teasers (dated and undated, one or two paragraphs,
/// stacked one-liners, a third of them of articles with no page of their own) repeated across
/// pages, a main article (title with a dated repeat, a date line, a reworded repeat, credits, a
/// newspaper header; sometimes an interview, dash or script style), list pages, contacts and the
/// footer, over a long-tailed vocabulary. The same seed and mix give the same pages.
public struct PageGenerator: Sendable {
    public let seed: UInt64
    public let mix: Mix

    public init(seed: UInt64, mix: Mix = .real) {
        self.seed = seed
        self.mix = mix
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

    /// The page layouts the generator writes (the issue's list of layouts seen on the real site).
    public enum Layout: String, CaseIterable, Sendable {
        /// The seeds' layout: blank-separated teasers, title, title again with its date, body.
        case seeds
        /// 3 to 12 stacked one-line teasers, the title, a blank or date line, the body line by line.
        case stacked
        /// Title, a date line under it, the body.
        case dateUnder = "date-under"
        /// `dd.mm.yyyy` line, teaser line, ... with no blank lines; the main body's date glued to it.
        case datedSidebar = "dated-sidebar"
        /// The headline, a reworded headline, the date, the body.
        case reworded
        /// `Photo:` credits under the title (after two blank lines), then the date and body.
        case credits
        /// A republished newspaper piece: quoted headline over two lines, byline, time stamp, credit, indented body.
        case newspaper
        /// A section heading and 10 to 15 stacked headlines; no main article.
        case list
        /// The seeds' layout with the page's own headline among its teasers.
        case selfTeaser = "self-teaser"
        /// An interview in `Question:` / speaker-name style, bullets in other bodies.
        case scripted
    }

    /// How often each layout is written (weights).
    public struct Mix: Sendable {
        public var weights: [(Layout, Int)]

        /// The layouts with a weight above zero; the seeds' layout alone when none has one.
        public init(_ weights: [(Layout, Int)]) {
            let kept = weights.filter { $0.1 > 0 }
            self.weights = kept.isEmpty ? [(.seeds, 1)] : kept
        }

        /// Only the seeds' layout (the round-1 generator).
        public static let seedsOnly = Mix([(.seeds, 1)])
        /// Every layout, the seeds' twice as often as each other one.
        public static let real = Mix(Layout.allCases.map { ($0, $0 == .seeds ? 2 : 1) })

        /// Parses `seeds=2,stacked=1,...` (unnamed layouts get 0); `real` and `seeds` name the presets.
        public static func parse(_ text: String) -> Mix? {
            if text == "real" { return .real }
            if text == "seeds" { return .seedsOnly }
            var w: [(Layout, Int)] = []
            for part in text.split(separator: ",") {
                let kv = part.split(separator: "=")
                guard kv.count == 2, let layout = Layout(rawValue: String(kv[0])), let n = Int(kv[1]), n >= 0 else { return nil }
                w.append((layout, n))
            }
            return w.contains { $0.1 > 0 } ? Mix(w) : nil
        }

        func pick(_ rng: inout RNG) -> Layout {
            let total = weights.reduce(0) { $0 + $1.1 }
            var r = rng.int(total)
            for (l, n) in weights {
                if r < n { return l }
                r -= n
            }
            return weights[0].0
        }
    }

    /// A teaser of a neighbouring article, or (one in three) of an article with no page of its own.
    func teaserArticle(_ p: Int, _ rng: inout RNG) -> GenArticle {
        rng.chance(0.33) ? article(1_000_000 + p / 3 + rng.int(60)) : article(max(0, p + 1 + rng.int(40) - 20))
    }

    static let footer = "Go back\n\nBack to the section\n\nBack to the all news"

    /// Page `p`: teasers of neighbouring articles, then article `p` in full, in a layout of the mix.
    public func page(_ p: Int) -> (name: String, text: String) {
        var rng = RNG(state: seed ^ (UInt64(p) &* 0x9E37_79B9_7F4A_7C15))
        let layout = mix.pick(&rng)
        let a = article(p)
        var out = ""
        func seedTeasers(_ count: Int) {
            for _ in 0..<count {
                let t = teaserArticle(p, &rng)
                if rng.chance(0.5) { out += Self.dotted(t) + "\n\n" }
                out += t.lead + "\n"
                if rng.chance(0.15), let extra = t.body.first, !t.interview { out += "\n" + extra + "\n" }
                out += "\n\n"
            }
        }
        func body(_ separator: String, indent: String = "") {
            out += (a.interview ? "In an exclusive interview, \(a.lead.dropFirst("In an interview, ".count))" : a.lead) + separator
            for para in a.body { out += indent + para + separator }
        }
        switch layout {
        case .seeds, .selfTeaser:
            seedTeasers(rng.chance(0.1) ? 0 : 2 + rng.int(4))
            if layout == .selfTeaser { out += a.title + "\n\n\n" }
            out += a.title + "\n\n"
            if !rng.chance(0.05) { out += a.title + " " + Self.dotted(a) + "\n\n" }
            body("\n\n")
        case .stacked:
            var seen = Set<String>()
            for _ in 0..<(3 + rng.int(10)) {
                let t = teaserArticle(p, &rng)
                let line = rng.chance(0.5) ? t.title : t.lead
                if seen.insert(line).inserted, t.title != a.title { out += line + "\n" }
            }
            out += a.title + "\n"
            out += rng.chance(0.5) ? Self.dotted(a) + "\n" : "\n"
            body("\n")
            out += "\n"
        case .dateUnder:
            seedTeasers(2 + rng.int(4))
            out += a.title + "\n" + Self.dotted(a) + "\n\n"
            body("\n\n")
        case .datedSidebar:
            for _ in 0..<(3 + rng.int(6)) {
                let t = teaserArticle(p, &rng)
                out += Self.dotted(t) + (rng.chance(0.3) ? "" : "\n") + t.lead + "\n"
            }
            out += "\n" + a.title + "\n\n" + Self.dotted(a)
            body("\n")
            out += "\n"
        case .reworded:
            seedTeasers(2 + rng.int(4))
            out += a.title + "\n\n" + "\(a.title.split(separator: " ").dropLast(2).joined(separator: " ")) \(words(&rng, 2))" + "\n"
                + Self.dotted(a) + "\n\n"
            body("\n\n")
        case .credits:
            seedTeasers(2 + rng.int(4))
            out += a.title + "\n\n\n" + "Photo: \(rng.pick(Self.people))" + "\n\n" + Self.dotted(a) + "\n\n"
            body("\n\n")
        case .newspaper:
            seedTeasers(2 + rng.int(4))
            let author = rng.pick(Self.people)
            out += a.title + "\n\n" + "\u{201C}\(words(&rng, 4)) \(words(&rng, 3))\n\(words(&rng, 4))\u{201D}\n"
            out += author + "\n" + "\(Self.months[a.month - 1]) \(a.day), \(a.year), 0\(rng.int(10)):\(10 + rng.int(50))" + "\n\n"
            out += "Photo: \(rng.pick(Self.places)) press service\n\n"
            body("\n\n", indent: "\u{00A0} \u{00A0} ")
        case .list:
            out += rng.pick(["News", "CSTO Secretariat", "Joint Staff", "Events"]) + "\n\n"
            var seen = Set<String>()
            for _ in 0..<(10 + rng.int(6)) {
                let title = teaserArticle(p, &rng).title
                if seen.insert(title).inserted { out += title + "\n" }
            }
            out += "\n"
        case .scripted:
            seedTeasers(2 + rng.int(4))
            out += a.title + "\n" + Self.dotted(a) + "\n\n"
            if a.interview {
                let speaker = rng.pick(Self.people)
                out += a.lead + "\n\n"
                for (k, para) in a.body.enumerated() {
                    let text = String(para.drop { $0 == "—" || $0 == " " })
                    out += (k % 2 == 0 ? "Question: " : "\(speaker): ") + text + "\n\n"
                }
            } else {
                out += a.lead + "\n\n"
                // Bullets from the second paragraph on (teasers quote the first as it stands).
                for (k, para) in a.body.enumerated() { out += (k > 0 && rng.chance(0.3) ? "• " : "") + para + "\n\n" }
            }
        }
        for c in a.contacts where layout != .list { out += c + "\n\n" }
        if !rng.chance(0.05) { out += Self.footer }
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

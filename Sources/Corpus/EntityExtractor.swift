/// The named things an article's text mentions.
public struct Entities: Sendable, Equatable {
    public var organizations: [String] = []
    public var countries: [String] = []
    public var people: [String] = []
    public var exercises: [String] = []
}

/// Finds organizations, countries and people (gazetteer, longest match at word boundaries, plus
/// a "known first name + capitalized surname" pattern for people not listed) and named exercises
/// (`Interaction-2018`, `Indestructible Brotherhood - 2024` → `Indestructible Brotherhood-2024`).
public struct EntityExtractor: Sendable {
    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .builtIn) {
        self.gazetteer = gazetteer
    }

    private static let notSurnames: Set<UInt64> = Set([
        "secretary", "general", "president", "minister", "chairman", "chief", "head", "deputy", "director",
        "commander", "colonel", "the", "and", "of", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "republic", "federation", "said", "noted",
        // Adjectives that follow a first name that is also a word ("Roman Catholic", "Karen Armenian").
        "catholic", "orthodox", "christian", "muslim", "islamic", "jewish", "buddhist", "armenian", "russian",
        "kazakh", "kazakhstani", "kyrgyz", "tajik", "belarusian", "uzbek", "azerbaijani", "georgian", "ukrainian",
        "chinese", "american", "european", "british", "french", "german", "afghan", "iranian", "turkish", "soviet",
        "empire", "army", "forces", "church", "street", "square", "university", "academy", "institute", "state",
    ].map { WordScanner.scan($0)[0].folded })

    private static let exerciseStops: Set<UInt64> = Set([
        "the", "a", "exercise", "exercises", "operation", "training", "trainings", "joint", "special", "command",
        "staff", "strategy", "strategies", "plan", "program", "programme", "agenda", "concept", "vision", "year",
        "years", "period", "budget", "framework", "forum", "expo", "cup", "games", "session", "in", "of", "for",
        "on", "at", "and", "with", "from", "to", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "summer", "autumn", "winter", "spring",
        "fall", "sco", "cis", "csto", "un",
        // Words that start sentences ("During Interaction-2024 ...") and names that are not exercises.
        "during", "after", "following", "before", "under", "within", "as", "since", "through", "but", "while",
        "when", "this", "that", "these", "those", "its", "their", "his", "her", "our", "also", "today", "by",
        "about", "ahead", "upon", "between", "among", "all", "both", "each", "participants", "army", "expo",
        "forum", "summit", "conference",
    ].map { WordScanner.scan($0)[0].folded })

    /// Extracts from the given texts (title and paragraphs), in order of first mention.
    public func extract(_ texts: [String]) -> Entities {
        var result = Entities()
        var seenOrgs = Set<Int>(), seenCountries = Set<Int>()
        var seenPeople = Set<String>(), seenExercises = Set<String>()
        for text in texts {
            var text = text
            text.withUTF8 { u in
                let tokens = WordScanner.scan(u)
                func word(_ a: Int) -> String {
                    String(decoding: UnsafeBufferPointer(rebasing: u[tokens[a].start..<tokens[a].end]), as: UTF8.self)
                }
                var i = 0
                while i < tokens.count {
                    let t = tokens[i]
                    // Exercises: capitalized words, a hyphen or dash, a year.
                    if t.hasDigit, !t.hasLetter, t.digitCount == 4, t.separator == .hyphen, i > 0,
                       let year = Int(word(i)), (1990...2100).contains(year) {
                        var first = i
                        var k = i - 1
                        while k >= 0, i - k <= 3 {
                            let w = tokens[k]
                            guard w.capitalized, w.hasLetter, !w.hasDigit, !w.allCaps || w.end - w.start > 4,
                                  !Self.exerciseStops.contains(w.folded) else { break }
                            first = k
                            if w.separator != .space { break }
                            k -= 1
                        }
                        if first < i {
                            var words: [String] = []
                            for j in first..<i { words.append(word(j)) }
                            let name = words.joined(separator: " ") + "-" + String(year)
                            if seenExercises.insert(name.lowercased()).inserted { result.exercises.append(name) }
                        }
                    }
                    guard t.capitalized else { i += 1; continue }
                    // Gazetteer: longest form starting here.
                    // Names as written first, then Cyrillic names in another case ("России").
                    var candidates = gazetteer.forms[t.folded]
                    if t.cyrillic, let stemmed = gazetteer.stemForms[t.stem] { candidates = (candidates ?? []) + stemmed }
                    if let candidates {
                        var matched = false
                        for form in candidates where i + form.hashes.count <= tokens.count {
                            var ok = true
                            for j in form.hashes.indices {
                                let w = tokens[i + j]
                                if j > 0, w.separator != .space && w.separator != .hyphen { ok = false; break }
                                if !form.matches(w, at: j) { ok = false; break }
                            }
                            // An acronym glued into a longer all-capital run is not that acronym.
                            guard ok else { continue }
                            let entryIndex = Int(form.entry)
                            let entry = gazetteer.entries[entryIndex]
                            switch entry.kind {
                            case .org:
                                if seenOrgs.insert(entryIndex).inserted { result.organizations.append(entry.canonical) }
                                // "CSTO Secretariat", "Secretariat of the Collective Security Treaty
                                // Organization", "United Nations Security Council": the organizations
                                // named inside a body's name are mentioned too.
                                if form.hashes.count > 1 {
                                    for inner in nestedOrganizations(tokens, i, i + form.hashes.count, except: entryIndex)
                                    where seenOrgs.insert(inner).inserted {
                                        result.organizations.append(gazetteer.entries[inner].canonical)
                                    }
                                }
                            case .country:
                                if seenCountries.insert(entryIndex).inserted { result.countries.append(entry.canonical) }
                            case .person:
                                if seenPeople.insert(entry.canonical).inserted { result.people.append(entry.canonical) }
                            case .firstname:
                                break
                            }
                            i += form.hashes.count
                            matched = true
                            break
                        }
                        if matched { continue }
                    }
                    // People by pattern: a known first name, an optional patronymic, a capitalized surname.
                    if gazetteer.firstNames.contains(t.folded), i + 1 < tokens.count {
                        var s = i + 1
                        if Self.isPatronymic(word(s)), s + 1 < tokens.count, tokens[s + 1].separator == .space { s += 1 }
                        let sur = tokens[s]
                        if sur.separator == .space, sur.capitalized, sur.hasLetter, !sur.hasDigit, !sur.allCaps,
                           !Self.notSurnames.contains(sur.folded), !Self.isPatronymic(word(s)),
                           !gazetteer.firstNames.contains(sur.folded) || s == i + 2 {
                            let name: String
                            if let known = gazetteer.lookup(tokens[i...i] + tokens[s...s], kind: .person) {
                                name = gazetteer.entries[known].canonical
                            } else {
                                name = word(i) + " " + word(s)
                            }
                            if seenPeople.insert(name).inserted { result.people.append(name) }
                            i = s + 1
                            continue
                        }
                    }
                    i += 1
                }
            }
        }
        return result
    }

    /// Organizations whose whole name stands inside tokens[from..<to].
    func nestedOrganizations(_ tokens: [WordToken], _ from: Int, _ to: Int, except: Int) -> [Int] {
        var out: [Int] = []
        for j in from..<to where tokens[j].capitalized {
            for form in gazetteer.forms[tokens[j].folded] ?? [] where j + form.hashes.count <= to && Int(form.entry) != except {
                guard gazetteer.entries[Int(form.entry)].kind == .org else { continue }
                let ok = form.hashes.indices.allSatisfy { form.matches(tokens[j + $0], at: $0) }
                if ok, !out.contains(Int(form.entry)) { out.append(Int(form.entry)) }
            }
        }
        return out
    }

    static func isPatronymic(_ w: String) -> Bool {
        let l = w.lowercased()
        guard l.count > 6 else { return false }
        return ["vich", "vna", "вич", "вна", "ична"].contains { l.hasSuffix($0) }
    }
}

/// The default query set of `reader-bench search`: what analysts type, one query per line, each
/// replayed keystroke by keystroke. Words and prefixes, multi-word queries, phrases, exclusions,
/// OR, and field filters; names from the generated corpus and from the seeds.
let defaultQueries = """
afghanistan
interaction 2018
collective security council
tasmagambetov
serdyukov exercise
indestructible brotherhood
border security
meeting minsk
"working group"
peacekeeping forces
counter terrorism
drug trafficking
csto -nato
secretary general interview
information security
military cooperation
emergency response
kazakhstan chairmanship
org:un meeting
kind:exercise year:2018..2022
year:2020 border
interaction OR echelon
council of defense ministers
cyber threats
"strategic command"
"""

/// Splits a query file: one query per non-empty line; `#` starts a comment line.
func parseQueryFile(_ text: String) -> [String] {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
}

import Foundation

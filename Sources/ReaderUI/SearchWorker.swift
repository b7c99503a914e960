import Foundation
import SearchIndex

/// A query to run for the list: what the search line had, and what to keep selected.
struct SearchRequest: Sendable {
    /// Counts the queries asked for: only the answer to the latest one is shown.
    var generation: Int
    var query: Query
    /// The search line's text (facets with a filter of their own count without it).
    var text: String
    var typing: Bool
    var sort: SortOrder
    var marks: DocMarks?
    /// The article selected when it was asked, and its row on the screen.
    var keep: Int?
    var screenRow: Int

    /// Runs it: the list in the sort order, the total, and the facets (each facet with a filter
    /// of its own counted without that filter, so its other values stay to be ORed in).
    func run(_ searcher: Searcher) -> SearchOutcome {
        let r = searcher.search(query, limit: sort == .relevance ? 500 : 0, marks: marks)
        var list: [Int] = []
        list.reserveCapacity(r.total)
        if sort == .relevance {
            // The best first, then the other matches newest first (article order).
            var seen = Set<Int>()
            for h in r.hits {
                list.append(h.doc)
                seen.insert(h.doc)
            }
            if r.total > r.hits.count { r.matches.forEach { d in if !seen.contains(d) { list.append(d) } } }
        } else {
            r.matches.forEach { list.append($0) }
        }
        var counted = r.facets
        for f in query.filteredFacets where QueryText.facets.contains(f) {
            let without = query.removing(f)
            counted[f] = searcher.search(without, limit: 0, facets: [f], marks: marks).facets[f]
        }
        return SearchOutcome(request: self, visible: list, total: r.total, facets: r.facets, counted: counted)
    }
}

/// A search's answer, ready to show.
struct SearchOutcome: Sendable {
    let request: SearchRequest
    let visible: [Int]
    let total: Int
    /// The result set's own facet counts (the year sparkline), and those the filter panel shows.
    let facets: [Facet: [(value: String, count: Int)]]
    let counted: [Facet: [(value: String, count: Int)]]
}

/// Runs the searches typed in the search line on a thread of its own, with a searcher of its
/// own, so that the reader never waits on one: a keystroke hands its query over and the screen
/// keeps the results it has until the answer comes. Only the latest query is run: one typed
/// while another runs replaces any still waiting. The thread ends when the last state holding
/// the worker lets it go (the articles changed, or the reader ended).
public final class SearchWorker: @unchecked Sendable {
    private let mailbox = Mailbox()

    public init(_ index: SearchIndex, delay: Double = 0) {
        // The thread holds the mailbox, not the worker; the searcher is made on the thread that
        // uses it (a searcher serves one thread).
        let mailbox = self.mailbox
        let thread = Thread { mailbox.serve(Searcher(index), delay: delay) }
        thread.name = "search"
        thread.start()
    }

    deinit { mailbox.stop() }

    func submit(_ request: SearchRequest) { mailbox.submit(request) }

    /// Whether a search is running now.
    var isRunning: Bool { mailbox.isRunning }

    /// How often the search thread made, between keystrokes, what a phrase's next keystroke
    /// needs (for tests).
    var preparedBetweenKeys: Int { mailbox.preparedCount }

    /// The latest answer, if one came since the last call.
    func take() -> SearchOutcome? { mailbox.take() }

    /// Waits up to `seconds` for the answer to the query of `generation`, then hands over the
    /// latest answer there is (perhaps to an earlier query, perhaps none). No wait while an
    /// earlier search, or the work between keystrokes, still runs: the query waits its turn,
    /// and the key's frame does not.
    func wait(for generation: Int, upTo seconds: Double) -> SearchOutcome? {
        mailbox.wait(for: generation, upTo: seconds)
    }
}

/// What the UI thread and the search thread share, under one lock.
private final class Mailbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: SearchRequest? = nil
    private var answered: SearchOutcome? = nil
    /// The generation of the search running, if one is.
    private var running: Int? = nil
    private var stopped = false
    /// How often the work between keystrokes made something (for tests).
    private var prepared = 0
    /// The work between keystrokes is running (a key's frame does not wait on it).
    private var preparing = false

    var isRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running != nil
    }

    var preparedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return prepared
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    func submit(_ request: SearchRequest) {
        condition.lock()
        waiting = request
        condition.broadcast()
        condition.unlock()
    }

    func take() -> SearchOutcome? {
        condition.lock()
        defer { condition.unlock() }
        let a = answered
        answered = nil
        return a
    }

    func wait(for generation: Int, upTo seconds: Double) -> SearchOutcome? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while answered.map({ $0.request.generation < generation }) ?? true {
            if let running, running < generation { break }
            if preparing { break }
            if !condition.wait(until: deadline) { break }
        }
        let a = answered
        answered = nil
        return a
    }

    /// The search thread: runs the latest request, hands its answer over, until stopped.
    func serve(_ searcher: Searcher, delay: Double) {
        while true {
            condition.lock()
            while waiting == nil && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            let request = waiting!
            waiting = nil
            running = request.generation
            condition.unlock()
            // A test's stand-in for a slow search.
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            let outcome = request.run(searcher)
            condition.lock()
            answered = outcome
            running = nil
            condition.broadcast()
            let idle = waiting == nil && !stopped && request.typing
            preparing = idle
            condition.unlock()
            // Between keystrokes: what the next keystroke of a phrase being typed will need,
            // made while the user types it (DECISIONS 38). A key typed meanwhile waits for it
            // (its frame does not: the list stays as it is until the answer).
            if idle {
                let made = searcher.prepareNextKeystroke(after: request.text) != nil
                condition.lock()
                preparing = false
                if made { prepared += 1 }
                condition.unlock()
            }
        }
    }
}

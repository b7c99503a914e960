import Corpus
import Foundation
import ReadingState
import SearchIndex

/// Related articles per article, worked out once each (the articles do not change under it;
/// a new load makes a new cache). A class, so that a screen's `refresh` can fill it.
final class RelatedCache: @unchecked Sendable {
    private var cache: [Int: [RelatedArticle]] = [:]
    private let lock = NSLock()

    func related(_ article: Int, _ searcher: Searcher) -> [RelatedArticle] {
        lock.lock(); defer { lock.unlock() }
        if let hit = cache[article] { return hit }
        let found = searcher.related(to: article, limit: 5)
        cache[article] = found
        return found
    }
}

/// The analyst's workbench on the state: tags, notes, saved searches, marking all read, export,
/// and the prompts that ask for them.
extension AppState {
    // MARK: Tags and notes

    /// The tags, note and related articles shown with an article.
    func extras(of article: Int) -> DocExtras {
        var related: [(date: String, title: String)] = []
        if let box = searcher {
            for r in relatedCache.related(article, box.searcher) {
                related.append((articles[r.doc].displayDate?.description ?? "undated   ", articles[r.doc].title))
            }
        }
        return DocExtras(tags: tags(of: article), note: note(of: article), related: related)
    }

    public func tags(of article: Int) -> [String] { (marks.tags[articles[article].id] ?? []).sorted() }
    public func note(of article: Int) -> String? { marks.notes[articles[article].id] }

    /// `+name -name name`: adds and removes tags of an article (a tag spelled as one in use
    /// takes the spelling in use). Returns an error to show, if any; then nothing changes.
    mutating func applyTags(_ text: String, to article: Int) -> String? {
        let id = articles[article].id
        var adds: [String] = [], removes: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            let remove = word.hasPrefix("-")
            let raw = word.hasPrefix("-") || word.hasPrefix("+") ? String(word.dropFirst()) : word
            guard let name = ReadingState.tagName(raw) else {
                return "'\(QueryParser.shown(raw))' cannot be a tag: one word without quotes, colons or control characters"
            }
            if remove { removes.append(name) } else { adds.append(name) }
        }
        var changed = marks
        let (_, missing) = changed.removeTags(removes, from: id)
        if let first = missing.first {
            let set = (marks.tags[id] ?? []).sorted()
            return "not tagged '\(first)'" + (set.isEmpty ? "" : " (tags: \(set.joined(separator: " ")))")
        }
        changed.addTags(adds, to: id)
        let set = changed.tags[id] ?? []
        guard changed.tags != marks.tags else {
            message = "tags unchanged: \(set.isEmpty ? "none" : set.sorted().joined(separator: " "))"
            return nil
        }
        marks = changed
        docMarks?.setTags(article, set, count: articles.count)
        annotationsVersion &+= 1
        effects.append(.save)
        // Results that filter by tag change with the tags.
        if QueryText.tokens(query).contains(where: { $0.field?.name == "tag" || $0.field?.name == "has" }) { runQuery() }
        message = "tags: " + (set.isEmpty ? "none" : set.sorted().joined(separator: " "))
        return nil
    }

    /// A note written, by article id. An empty one is never saved and never removes a note
    /// (nothing typed is lost by an Enter on an emptied line); `csto-reader note ID --delete`
    /// removes one.
    mutating func setNote(id: String, _ raw: String) {
        guard let text = Notes.clean(raw) else {
            message = marks.notes[id] == nil ? "empty note: nothing saved"
                : "empty note: nothing saved, the note is kept (csto-reader note \(id) --delete removes it)"
            return
        }
        guard text != marks.notes[id] else {
            message = "note unchanged"
            return
        }
        marks.notes[id] = text
        if let article = idIndex[id] { docMarks?.setNote(article, text) }
        annotationsVersion &+= 1
        effects.append(.save)
        if !query.isEmpty { runQuery() }
        message = "note saved"
    }

    /// `a`: the note in the editor, or in the inline editor when there is none.
    mutating func startNote(_ article: Int) -> Outcome {
        let id = articles[article].id
        if let editor {
            effects.append(.run(.editNote(article: id, text: marks.notes[id] ?? "", editor: editor)))
            return .handled
        }
        let current = marks.notes[id] ?? ""
        // One line edits one line: a note of several (written in an editor or by the CLI) is
        // not flattened.
        guard !current.contains("\n") else {
            message = "this note has several lines: set $EDITOR to edit it here, or use csto-reader note \(id)"
            return .handled
        }
        return .push(SearchLineScreen(prompt: .note(article: id), text: current))
    }

    // MARK: Saved searches

    mutating func saveSearch(named raw: String) -> String? {
        guard let name = Notes.savedName(raw) else { return "a saved search needs a name (at most 40 characters)" }
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return "nothing to save: the query is empty" }
        if let queryError { return "the query does not run (\(queryError)): fix it before saving" }
        let replaced = marks.saved[name] != nil
        marks.saved[name] = text
        effects.append(.save)
        message = (replaced ? "replaced " : "saved ") + "'\(name)': \(text)"
        return nil
    }

    mutating func deleteSaved(_ name: String) {
        guard marks.saved.removeValue(forKey: name) != nil else { return }
        effects.append(.save)
        message = "deleted '\(name)'"
    }

    // MARK: Mark all read

    /// `A`: every current result read; `U` takes it back.
    mutating func markAllRead() {
        var changed: [String] = []
        for a in visible where !isRead(a) {
            setRead(a, true)
            changed.append(articles[a].id)
        }
        guard !changed.isEmpty else {
            // A later U must not undo an earlier A.
            undoMarkAll = nil
            message = "every result is read already"
            return
        }
        undoMarkAll = changed
        effects.append(.save)
        message = "\(changed.count) marked read (\(keymap.key(.undoMarkAll, in: .list)) undoes)"
    }

    mutating func undoMarkAllRead() {
        guard let ids = undoMarkAll else {
            message = "nothing to undo"
            return
        }
        for id in ids { if let a = idIndex[id] { setRead(a, false) } else { marks.read.remove(id) } }
        undoMarkAll = nil
        effects.append(.save)
        // The list stays as it is (as after u and A): the query runs again on the next search.
        message = "\(ids.count) unread again"
    }

    // MARK: Acting on results

    /// The articles `x` and `|` act on: one article (the pager's), or the results (the starred
    /// among them with `starred`).
    func actedOn(starred: Bool, article: String?) -> [Int] {
        if let article { return idIndex[article].map { [$0] } ?? [] }
        return starred ? visible.filter { isStarred($0) } : visible
    }

    /// Asks the run loop to write articles to a file, the format by its extension (`.md`,
    /// `.csv`, `.jsonl`, `.json`); an error to show if the request itself is wrong.
    mutating func export(to raw: String, starred: Bool, article: String? = nil) -> String? {
        let path = Self.expandingHome(raw.trimmingCharacters(in: .whitespaces))
        guard !path.isEmpty else { return "give a file name (.md, .csv, .jsonl or .json)" }
        guard let format = Export.Format.guess(path) else {
            return "cannot tell the format of '\(QueryParser.shown(path))': end it in .md, .csv, .jsonl or .json (CSL)"
        }
        let docs = actedOn(starred: starred, article: article)
        guard !docs.isEmpty else { return starred ? "no starred article in the results" : "no results to export" }
        effects.append(.run(.export(path: path, format: format, docs: docs, label: goodQuery.isEmpty ? "all articles" : goodQuery)))
        message = "exporting \(docs.count) article\(docs.count == 1 ? "" : "s")…"
        return nil
    }

    /// The articles as plain text for a shell command: title, facts, paragraphs.
    func pipeText(_ docs: [Int]) -> String {
        var out = ""
        for d in docs {
            let a = articles[d]
            out += a.title + "\n" + "\(a.id) · \(a.displayDate?.description ?? "undated") · \(a.kind.rawValue)\n\n"
            for p in a.paragraphs { out += p + "\n\n" }
        }
        return out
    }

    static func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return NSHomeDirectory() + String(path.dropFirst())
    }

    /// `y`: the article's id to the clipboard (OSC 52) and on the status line.
    mutating func copyID(_ article: Int) {
        let id = articles[article].id
        if clipboard {
            effects.append(.run(.copy(id)))
            message = "copied \(id)"
        } else {
            message = "id: \(id) (this terminal has no clipboard escape)"
        }
    }

    // MARK: Keys

    /// The workbench's keys from the list (`article`: the selected one) or the pager (its
    /// article, `inPager`); nil when the action is not one of them.
    mutating func workbench(_ action: Action, article: Int?, inPager: Bool = false) -> Outcome? {
        let id = article.map { articles[$0].id }
        switch action {
        case .entities:
            return .push(EntitiesScreen(app: self))
        case .concordance:
            guard let h = highlighter, !h.isEmpty else {
                message = "no words to show in context: search (\(keymap.key(.searchStart, in: .global))) first"
                return .handled
            }
            return .push(ConcordanceScreen(app: self))
        case .trend:
            return .push(TrendScreen(app: self))
        case .savedSearches:
            return .push(SavedScreen(app: self))
        case .saveSearch:
            guard !query.trimmingCharacters(in: .whitespaces).isEmpty else {
                message = "nothing to save: the query is empty"
                return .handled
            }
            return .push(SearchLineScreen(prompt: .saveSearch))
        case .markAllRead:
            markAllRead()
            return .handled
        case .undoMarkAll:
            undoMarkAllRead()
            return .handled
        case .export, .exportStarred:
            let one = inPager ? id : nil
            return .push(SearchLineScreen(prompt: .export(starred: action == .exportStarred, article: one), text: "csto-export.md"))
        case .pipe:
            return .push(SearchLineScreen(prompt: .pipe(starred: false, article: inPager ? id : nil), history: pipeHistory))
        default:
            break
        }
        guard let article, let id else {
            if [.related, .tag, .editNote, .copyID].contains(action) {
                message = "no article selected"
                return .handled
            }
            return nil
        }
        switch action {
        case .related:
            return .push(RelatedScreen(article: article, app: self))
        case .tag:
            return .push(SearchLineScreen(prompt: .tag(article: id)))
        case .editNote:
            return startNote(article)
        case .copyID:
            copyID(article)
            return .handled
        default:
            return nil
        }
    }

    // MARK: Prompts

    /// A prompt's line submitted: nil when done, else an error that keeps the line open.
    mutating func answer(_ prompt: SearchLineScreen.Prompt, _ text: String) -> String? {
        switch prompt {
        case .tag(let id):
            guard let a = idIndex[id] else { return "the article is gone" }
            return applyTags(text, to: a)
        case .note(let id):
            setNote(id: id, text)
            return nil
        case .saveSearch:
            return saveSearch(named: text)
        case .export(let starred, let article):
            return export(to: text, starred: starred, article: article)
        case .pipe(let starred, let article):
            let command = text.trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty else { return "give a shell command (e.g. wc -w, or less)" }
            let docs = actedOn(starred: starred, article: article)
            guard !docs.isEmpty else { return starred ? "no starred article in the results" : "no article to pipe" }
            effects.append(.run(.pipe(command: command, input: pipeText(docs))))
            if pipeHistory.last != command { pipeHistory.append(command) }
            message = "piped \(docs.count) article\(docs.count == 1 ? "" : "s") to \(command)"
            return nil
        case .versus:
            forward = .versusQuery(text)
            return nil
        }
    }
}

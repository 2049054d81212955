import JobIndex
import SmileJobs

/// What a look at the decisions store found, for `EffectRunner.absorb`.
public struct TeamNews: Sendable, Equatable {
    public var changed: Bool
    public var link: DecisionsLink
    /// Every claim now; nil when not read this time.
    public var claims: [Claim]?

    public init(changed: Bool, link: DecisionsLink, claims: [Claim]?) {
        self.changed = changed
        self.link = link
        self.claims = claims
    }
}

/// The dashboard's state, run: each action goes through the reducer, and every effect the
/// reducer asks for is carried out and answered with an action, until none is left. The one
/// runner: the dashboard, `snapshot`, the tests, the golden screens and the fuzzer all use
/// it, with their own services (a terminal's clipboard or none, files or fixtures).
///
/// Decisions go through a `DecisionsClient`; the screen calls a mark saved only once the
/// client has committed it.
public final class EffectRunner {
    /// What the runner needs from the world, as closures: the view-model does no I/O itself.
    public struct Services {
        /// Reads a job's records again, in full; says why some could not be.
        public var documents: ([JobRecord]) -> (documents: [RecordDocument], unreadable: [String])
        /// Puts text on the clipboard, or says it cannot.
        public var copy: (_ text: String, _ label: String) -> CopyOutcome
        /// Stops a load that is going on.
        public var stopLoading: () -> Void
        /// Writes the jobs shown to a file.
        public var export: (ExportRequest, AppState) -> ExportOutcome
        /// The time a decision is made at.
        public var clock: () -> Timestamp
        /// How many rows the screen lays the document on top out in (`Renderer.documentRows`),
        /// nil when the top is not a document: the screen owns layout.
        public var measure: (AppState) -> Int?
        /// A time zone by name: utc, local, or a zone id.
        public var zone: (String) -> DisplayZone? = { $0.lowercased() == "utc" ? .utc : nil }
        /// The rows of the document on top that match its find (nil: no find, or no document).
        public var findMatches: (AppState) -> [Int]? = { _ in nil }
        /// Runs a search away from the keys and answers later with `.searched` (the
        /// dashboard: a thread of its own). Nil: it is run here, before the next action.
        public var searchElsewhere: ((SearchRequest) -> Void)?

        public init(
            documents: @escaping ([JobRecord]) -> (documents: [RecordDocument], unreadable: [String]) = { _ in ([], []) },
            copy: @escaping (String, String) -> CopyOutcome = { text, label in .showText(label: label, text: text) },
            stopLoading: @escaping () -> Void = {},
            export: @escaping (ExportRequest, AppState) -> ExportOutcome = { _, _ in .failed("export is not available here") },
            clock: @escaping () -> Timestamp,
            measure: @escaping (AppState) -> Int? = { _ in nil }
        ) {
            self.documents = documents
            self.copy = copy
            self.stopLoading = stopLoading
            self.export = export
            self.clock = clock
            self.measure = measure
        }
    }

    public internal(set) var state: AppState
    public var services: Services
    /// Where decisions are kept; nil when there is nowhere (marking is then unavailable).
    public private(set) var decisions: (any DecisionsClient)?
    /// Who is deciding (`$USER`).
    public let who: String
    /// Every effect carried out, in order (tests read it).
    public private(set) var performed: [Effect] = []
    /// The newest change read from the client (by anyone), for the next poll. Our own
    /// writes do not move it: another desk's change made just before ours must still be read.
    private var polledSequence: Int64 = 0
    /// This dashboard as a desk (`user@host:pid`), for claims; nil makes none.
    public var desk: String?
    /// The job this desk claims, and when it last said so.
    private var claimed: (jobID: String, at: Timestamp)?

    public init(state: AppState, services: Services, decisions: (any DecisionsClient)? = nil, who: String) {
        self.state = state
        self.services = services
        self.decisions = decisions
        self.who = who
    }

    /// Runs an action and everything it leads to; then, when the document on top was laid
    /// out in another number of rows than the state knows, tells it.
    public func dispatch(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            let next = pending.removeFirst()
            for effect in Reducer.reduce(&state, next) {
                performed.append(effect)
                if let answer = perform(effect) { pending.append(answer) }
            }
            if pending.isEmpty, let rows = services.measure(state), rows != state.documentScroll?.rows {
                pending.append(.measured(rows: rows))
            }
            if pending.isEmpty, let find = state.documentScroll?.find, let matches = services.findMatches(state),
                matches != find.matches || find.scrollPending
            {
                pending.append(.found(rows: matches))
            }
        }
    }

    /// Carries out one effect; the action that answers it, if any.
    private func perform(_ effect: Effect) -> Action? {
        switch effect {
        case .loadDocuments(let job, let records):
            let (documents, unreadable) = services.documents(records)
            return .documentsLoaded(job: job, documents: documents, unreadable: unreadable)
        case .copy(let text, let label):
            return .copyFinished(services.copy(text, label))
        case .stopLoading:
            services.stopLoading()
            return nil
        case .saveDecisions(let request, let context):
            guard let decisions else { return .decisionsFailed("no decisions database") }
            do {
                return .decisionsSaved(try decisions.mark(request, who: who, at: services.clock()), context: context)
            } catch {
                return .decisionsFailed(String(describing: error))
            }
        case .loadAudit(let jobID):
            guard let entries = try? decisions?.audit(jobID: jobID) else { return nil }
            return .auditLoaded(jobID: jobID, entries: entries)
        case .export(let request):
            return .exportFinished(services.export(request, state))
        case .resolveZone(let name):
            return .zoneResolved(name: name, zone: services.zone(name))
        case .search(let generation, let narrowing):
            let request = SearchRequest(state, generation: generation, narrowing: narrowing)
            if let searchElsewhere = services.searchElsewhere {
                searchElsewhere(request)
                return nil
            }
            return .searched(generation: generation, visible: request.run())
        case .filterWords(let words, let base):
            do {
                return .setFilter(try FilterWords.parse(words, context: FilterWords.Context(now: services.clock()), base: base))
            } catch {
                return .notice("Not filtered: \(error.description)")
            }
        }
    }

    // MARK: - Decisions the shell asks for

    /// Reads every decision into the state (at start), with what marking allows.
    public func loadDecisions(marking: MarkingAccess) {
        guard let decisions else {
            dispatch(.decisionsLoaded([], marking: marking))
            return
        }
        do {
            let all = try decisions.decisions(since: nil)
            polledSequence = all.map(\.sequence).max() ?? 0
            dispatch(.decisionsLoaded(all, marking: marking))
        } catch {
            dispatch(.decisionsLoaded([], marking: .unavailable(String(describing: error))))
        }
    }

    /// A store reached after the start (a team's server that was down then): decisions are
    /// read from it, marking follows what it allows, and the status line says so.
    public func attach(_ client: any DecisionsClient, marking: MarkingAccess, notice: String) {
        decisions = client
        polledSequence = 0
        loadDecisions(marking: marking)
        dispatch(.notice(notice))
    }

    /// Takes in what others wrote, when the client says something changed. Cheap to call often.
    public func pollDecisions() {
        guard let decisions else { return }
        absorb(TeamNews(changed: decisions.hasChanged(), link: decisions.link, claims: nil))
    }

    /// What a watcher on another thread found (`TeamNews`): the link, whether others
    /// changed decisions (then read here), and the claims now. The dashboard asks the
    /// store from that thread, so a server slow to answer never stalls a keystroke.
    public func absorb(_ news: TeamNews) {
        guard let decisions else { return }
        if news.link != state.link { dispatch(.linkChanged(news.link)) }
        if news.changed, let changed = try? decisions.changes(after: polledSequence), !changed.isEmpty {
            polledSequence = max(polledSequence, changed.map(\.sequence).max() ?? 0)
            dispatch(.decisionsChanged(changed))
        }
        // Dispatched only when they differ from the state's (grouped as it keeps them), so a
        // second with no news lays nothing out again.
        if let claims = news.claims?.filter({ $0.desk != desk }), Dictionary(grouping: claims, by: \.jobID) != state.claims {
            dispatch(.claimsChanged(claims))
        }
    }

    // MARK: - A team on one queue

    /// Claims the job open in the detail on top (renewing the claim as it ages), or ends
    /// this desk's claim when none is open. Cheap when nothing changed: call it after keys.
    public func followClaim() {
        // Offline: nothing is sent (the claim is made again once the server is back).
        guard let decisions, let desk, decisions.canWrite, !state.link.isOffline else { return }
        var open: String?
        if case .detail(let detail)? = state.stack.last { open = state.table.store.jobKey(detail.job) }
        let now = services.clock()
        if let open {
            let due =
                claimed?.jobID != open
                || now.millisecondsSince1970 - (claimed?.at.millisecondsSince1970 ?? 0) >= Claim.renewEveryMilliseconds
            guard due else { return }
            let until = Timestamp(millisecondsSince1970: now.millisecondsSince1970 + Claim.lifetimeMilliseconds)
            if (try? decisions.claim(jobID: open, who: who, desk: desk, until: until)) != nil { claimed = (open, now) }
        } else if claimed != nil {
            if (try? decisions.releaseClaims(desk: desk)) != nil { claimed = nil }
        }
    }

    /// Reads the link and the other desks' claims into the state; renews this desk's claim.
    /// The shell calls it about once a second.
    public func pollTeam() {
        guard let decisions else { return }
        absorb(TeamNews(changed: false, link: decisions.link, claims: try? decisions.claims(now: services.clock())))
        followClaim()
    }

    /// Ends this desk's claims (the dashboard is closing).
    public func releaseClaims() {
        guard let decisions, let desk, decisions.canWrite else { return }
        try? decisions.releaseClaims(desk: desk)
        claimed = nil
    }

    /// Once a load is complete: decisions that smile-triage 0.1 keyed by load position
    /// (`record:…`) move to the content keys of the jobs they were made on, where a loaded
    /// job matches; the rest are named in the status bar, and stay where they are.
    public func adoptContentKeys() {
        let (moves, unmatched) = PositionKeys.plan(Array(state.decisions.byJob.values), in: state.table.store)
        var notes: [String] = []
        if !moves.isEmpty, let decisions, state.marking == .writable {
            do {
                let moved = try decisions.rekey(moves, who: who, at: services.clock())
                dispatch(.decisionsChanged(moved))
                notes.append("Moved \(moved.count) decision\(moved.count == 1 ? "" : "s") from load-position keys to content keys")
            } catch {
                notes.append("Could not move decisions to content keys: \(error)")
            }
        }
        if !unmatched.isEmpty {
            let shown = unmatched.prefix(3).joined(separator: ", ") + (unmatched.count > 3 ? ", …" : "")
            notes.append(
                "\(unmatched.count) decision\(unmatched.count == 1 ? "" : "s") keyed by load position (smile-triage 0.1) match no loaded job: \(shown)"
            )
        }
        if !notes.isEmpty { dispatch(.notice(notes.joined(separator: "; "))) }
    }
}

import Foundation
import TestSupport
import Testing

@testable import TriageCommands

/// docs/man/smile-triage.1 is `smile-triage man`: a command, option or key changed without
/// the page being made again fails here.
@Suite("Manual page")
struct ManPageTests {
    @Test func docsManPageIsNotStale() throws {
        let committed = try Repository.read("docs/man/smile-triage.1")
        #expect(committed == ManPage.render(), "run: swift run smile-triage man > docs/man/smile-triage.1")
    }

    @Test func everyShownCommandHasASection() {
        let page = ManPage.render()
        for command in SmileTriage.configuration.subcommands where command.configuration.shouldDisplay {
            #expect(page.contains(".SS " + (command.configuration.commandName ?? "?")))
        }
        #expect(page.contains(".SH EXIT STATUS"))
    }
}

import ArgumentParser
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Start a framework: write a small content/ folder to edit.")

    @Argument(help: "The folder to start in (created if missing).")
    var directory = "."

    func run() throws {
        let content = URL(fileURLWithPath: directory).appendingPathComponent("content")
        guard !FileManager.default.fileExists(atPath: content.path) else {
            FileHandle.standardError.write(Data("ladder: \(content.path) already exists; nothing was written\n".utf8))
            throw ExitCode.failure
        }
        for (path, text) in StarterContent.files.sorted(by: { $0.key < $1.key }) {
            let file = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        print("""
            Wrote \(StarterContent.files.count) files to \(content.path)/.
            Next: 'ladder serve --content \(content.path)' to preview while you edit, 'ladder check' to lint,
            'ladder build' to write the site.
            """)
    }
}

/// A small framework that shows the format: a track of two levels, an ability, an assignment.
enum StarterContent {
    static let files: [String: String] = [
        "framework.yml": """
            title: Our career framework
            description: What each level looks like, and what changes at the next one.
            """,
        "engineering/_track.md": """
            ---
            title: Engineering
            competencies: [craft, delivery]
            ---
            Engineers build and run our product. Each level widens the scope an engineer owns.
            """,
        "engineering/1-engineer.md": """
            ---
            titles: { internal: Engineer I, external: Software Engineer }
            abilities: { required: { testing: 1 } }
            assignments: { common: [code-reviewer] }
            ---
            # Engineer

            > I turn well-shaped tasks into working, tested code.

            ## Craft {#craft}

            - I write clear code that follows our conventions
              - for example, small functions with tests
            - I add tests for the behaviour I change

            ## Delivery {#delivery}

            - I break a task into small steps and finish them one at a time
            """,
        "engineering/2-senior-engineer.md": """
            ---
            titles: { internal: Engineer II, external: Senior Software Engineer }
            eligibility_miles: "+10%"
            abilities: { required: { testing: 3 } }
            assignments: { required: [code-reviewer] }
            ---
            # Senior Engineer

            > I own features from design to release and raise the quality bar for my team.

            ## Craft {#craft}

            - I write clear code and improve our conventions when they get in the way
            - I choose the testing strategy for the features I lead

            ## Delivery {#delivery}

            - I plan a feature into milestones that each ship something usable
            """,
        "abilities/testing.md": """
            ---
            title: Testing
            category: Craft
            ---
            Knowing that the software works, and keeps working.

            ## Milestone 1

            - Adds tests for the code they change

            ## Milestone 3

            - Designs the test strategy of a service
            """,
        "assignments/code-reviewer.md": """
            ---
            title: Code reviewer
            in_service_to: The team
            abilities: { testing: 2 }
            ---
            Reviews the team's changes within a working day.
            """,
    ]
}

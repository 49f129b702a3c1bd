import Foundation
import WorkspaceCore

/// A dozen demo skills in categories (and one uncategorised), with support files.
enum DemoSkills {
    struct Skill {
        let category: String?
        let name: String
        let description: String
        let extraFrontMatter: String
        let body: String
        let files: [String: String]
    }

    static let all: [Skill] = [
        Skill(
            category: "research", name: "web-research", description: "Search the web, read the best sources and answer with citations",
            extraFrontMatter: "version: 1.2.0\nlicense: MIT\ntags: [research, web]\nrelated_skills: [arxiv-digest]\n",
            body: "Search with at least two queries, open the three best results, and cite every claim as `[n]`.", files: [:]),
        Skill(
            category: "research", name: "arxiv-digest", description: "Summarise new arXiv papers in a field every week",
            extraFrontMatter: "version: 0.3.0\ntags: [research, papers]\n",
            body: "List new papers of the last 7 days for the configured categories; three bullet points each.",
            files: ["references/categories.md": "cs.CL, cs.LG, cs.DB\n"]),
        Skill(
            category: "devops", name: "docker-cleanup", description: "Prune old images and volumes safely",
            extraFrontMatter: "version: 1.0.0\nplatforms: [linux, macos]\nmetadata:\n  hermes:\n    tags: [devops, docker]\n",
            body: "1. Show `docker system df`.\n2. Prune images older than 30 days.\n3. Never prune volumes without asking.",
            files: ["references/flags.md": "`--filter until=720h` keeps the last 30 days.\n"]),
        Skill(
            category: "devops", name: "tls-renewal", description: "Check certificate expiry and renew with certbot",
            extraFrontMatter: "version: 1.1.0\nplatforms: [linux]\nprerequisites:\n  commands: [openssl, certbot]\n",
            body: "Renew when fewer than 14 days remain; reload nginx afterwards.",
            files: ["scripts/check.sh": "#!/bin/sh\nopenssl x509 -enddate -noout -in \"$1\"\n"]),
        Skill(
            category: "devops", name: "k8s-debug", description: "Find why a Kubernetes workload is unhealthy",
            extraFrontMatter: "version: 0.9.0\ntags: [kubernetes]\n",
            body: "Start from `kubectl get events`, then the previous container logs, then resources.", files: [:]),
        Skill(
            category: "devops", name: "dependency-audit", description: "Report outdated dependencies across repositories",
            extraFrontMatter: "version: 0.2.0\nrequired_environment_variables:\n  - name: GITHUB_TOKEN\n    prompt: GitHub token with repo scope\n",
            body: "Open one issue per major upgrade, grouped by repository.", files: [:]),
        Skill(
            category: "productivity", name: "email-triage", description: "Label, archive and summarise unread email",
            extraFrontMatter: "version: 2.0.0\ntags: [email]\nrequired_environment_variables: [EMAIL_PASSWORD]\n",
            body: "Archive newsletters, flag invoices and anything from the team, summarise the rest in five lines.",
            files: ["templates/summary.md": "## Needs an answer\n\n## FYI\n"]),
        Skill(
            category: "productivity", name: "morning-briefing", description: "Calendar, weather and news in one message",
            extraFrontMatter: "version: 1.0.0\ntags: [daily]\n",
            body: "Keep it under 120 words. Weather for the home city from memory.", files: [:]),
        Skill(
            category: "productivity", name: "meeting-notes", description: "Turn a transcript into decisions and action items",
            extraFrontMatter: "version: 1.0.0\n",
            body: "Output three sections: Decisions, Action items (owner, due), Open questions.", files: [:]),
        Skill(
            category: "writing", name: "weekly-report", description: "Draft a weekly status report from notes",
            extraFrontMatter: "version: 1.4.0\ntags: [writing, reports]\n",
            body: "Sections: This week, Next, Risks. Plain language, no more than 200 words.",
            files: ["templates/report.md": "## This week\n\n## Next\n\n## Risks\n"]),
        Skill(
            category: "writing", name: "translate", description: "Translate text while keeping formatting and tone",
            extraFrontMatter: "version: 1.0.0\ntags: [language]\n",
            body: "Keep Markdown intact; keep names untranslated; say which dialect you used.", files: [:]),
        Skill(
            category: "data", name: "sql-review", description: "Review SQL migrations for locking and performance risks",
            extraFrontMatter: "version: 0.5.0\ntags: [database, postgres]\n",
            body: "Flag table rewrites, missing CONCURRENTLY, and long-held locks.",
            files: ["references/locks.md": "ACCESS EXCLUSIVE blocks reads and writes.\n"]),
        Skill(
            category: nil, name: "legacy-notes", description: "Old note-taking conventions (kept for reference)",
            extraFrontMatter: "version: 0.1.0\n",
            body: "Superseded by meeting-notes.", files: [:]),
    ]

    static func write(to directory: URL, writer: AtomicFileWriter) throws {
        for skill in all {
            var folder = directory
            if let category = skill.category { folder.appendPathComponent(category) }
            folder.appendPathComponent(skill.name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let text =
                "---\nname: \(skill.name)\ndescription: \(skill.description)\n\(skill.extraFrontMatter)---\n\n# \(skill.name)\n\n\(skill.body)\n"
            try writer.write(Data(text.utf8), to: folder.appendingPathComponent("SKILL.md"))
            for (path, content) in skill.files.sorted(by: { $0.key < $1.key }) {
                let file = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try writer.write(Data(content.utf8), to: file)
            }
        }
        try writer.write(
            Data("# Research skills: finding and digesting sources.\n".utf8), to: directory.appendingPathComponent("research/DESCRIPTION.md"))
    }
}

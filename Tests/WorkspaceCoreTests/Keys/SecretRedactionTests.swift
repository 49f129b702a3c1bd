import Foundation
import Testing

@testable import WorkspaceCore

/// Secrets are recognised by name in any case and separator, below env/headers blocks, in URL userinfo and in
/// credential query parameters, and at most their last four characters are ever shown (none under 20).
@Suite struct SecretRedactionTests {
    @Test func namesThatHoldSecretsInAnySpelling() {
        for name in [
            "openai_api_key", "client-secret", "X-Api-Key", "accessToken", "GITHUB_PAT", "db_password", "Authorization", "oauth",
            "session_cookie", "credentials_file", "privateKey", "TELEGRAM_BOT_TOKEN", "key", "signing-key", "refresh_token",
        ] {
            #expect(SecretRedaction.isSecretName(name), "\(name)")
        }
        for name in ["model", "monkey", "max_tokens", "tokenizer", "keep_alive", "base_url", "timeout", "provider", "context_tokens"] {
            #expect(!SecretRedaction.isSecretName(name), "\(name)")
        }
    }

    @Test func masksShowAtMostTheLastFourCharacters() {
        #expect(SecretMask.mask("abcdefghijkl") == "••••••••", "a 12-character secret shows nothing")
        #expect(SecretMask.mask("0123456789012345678") == "••••••••")
        #expect(SecretMask.mask("sk-or-v1-0123456789abcdef") == "••••cdef")
    }

    @Test func urlPasswordsAndCredentialParametersAreMasked() {
        #expect(SecretRedaction.maskingURLCredentials(in: "socks5://bot:s3cr3tpass@proxy.example:1080") == "socks5://bot:••••••••@proxy.example:1080")
        let hook = SecretRedaction.maskingURLCredentials(in: "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789&x=1")
        #expect(
            !hook.contains("0123456789abcdef0123") && hook.contains("x=1") && hook.hasPrefix("https://oapi.dingtalk.com/robot/send?access_token="))
        #expect(SecretRedaction.maskingURLCredentials(in: "https://example.org/path?page=2") == "https://example.org/path?page=2")
    }

    @Test func configMaskingCoversEnvHeadersPatternsAndURLs() throws {
        let yaml = """
            mcp_servers:
              github:
                command: npx
                env:
                  GITHUB_PERSONAL_ACCESS_TOKEN: ghp_0123456789abcdefghijklmnop
                  LOG_LEVEL: debug
              remote:
                url: https://mcp.example/sse
                headers:
                  X-Api-Key: hdr-0123456789abcdefghij
            auxiliary:
              vision:
                openai_api_key: sk-vision-0123456789abcdef
                client-secret: shortsecret
            platforms:
              telegram:
                proxy: socks5://bot:s3cr3tpass@proxy.example:1080
            """
        let value = try YAMLDocument(text: yaml).value
        let (masked, paths) = ConfigMasking().masked(value)
        let text = masked.rendered(.compact)
        for secret in ["ghp_0123456789abcdefghij", "debug", "hdr-0123456789abcdef", "sk-vision-0123456789ab", "shortsecret", "s3cr3tpass"] {
            #expect(!text.contains(secret), "\(secret) leaked: \(text)")
        }
        #expect(text.contains("npx") && text.contains("https://mcp.example/sse"), "the rest stays readable")
        #expect(paths.contains("mcp_servers.github.env.LOG_LEVEL"), "every value under env: is masked")

        let lines = SecretRedaction.maskingYAML(yaml)
        for secret in ["ghp_0123456789abcdefghij", "hdr-0123456789abcdef", "sk-vision-0123456789ab", "shortsecret", "s3cr3tpass", "debug"] {
            #expect(!lines.contains(secret), "\(secret) leaked in the text form")
        }
        #expect(
            lines.contains("command: npx") && lines.contains("    env:") && lines.split(separator: "\n").count == yaml.split(separator: "\n").count)
        #expect(SecretRedaction.maskingYAML("model:\n  api_key: ${OPENROUTER_API_KEY}\n") == "model:\n  api_key: ${OPENROUTER_API_KEY}\n")
    }

    @Test func historyDiffsNeverShowASecret() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let store = ConfigStore(home: fixture.home, audit: AuditLog(home: fixture.home))
        let before = try store.snapshot()
        let change = try await store.patch(
            [ConfigEdit(path: ["mcp_servers", "gh", "env", "GITHUB_TOKEN"], operation: .set(.string("ghp_SECRET0123456789abcdefgh")))],
            expecting: .exactly(before.etag), actor: nil)
        #expect(!change.diff.contains("ghp_SECRET") && change.diff.contains("GITHUB_TOKEN"))
        let history = try store.history()
        #expect(!history.map(\.diff).joined().contains("ghp_SECRET"))
    }
}

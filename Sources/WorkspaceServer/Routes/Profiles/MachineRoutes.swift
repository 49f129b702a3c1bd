import Foundation
import Hummingbird
import WorkspaceCore

/// Views across every profile on the machine: all cron jobs in one list, a search in every profile's sessions,
/// usage per profile and summed. Each item names its profile; each figure comes from that profile's own files.
struct MachineRoutes {
    let homes: ProfileHomes

    struct ProfileJob: Encodable, Sendable {
        var profile: String
        var job: CronJobSummary
    }

    struct JobList: ResponseEncodable {
        var items: [ProfileJob]
        /// Profiles whose jobs could not be read, with why.
        var warnings: [String]
    }

    struct ProfileSearch: Encodable, Sendable {
        var profile: String
        var results: SearchResults
    }

    struct SearchList: ResponseEncodable {
        var items: [ProfileSearch]
        var warnings: [String]
    }

    struct ProfileUsage: Encodable, Sendable {
        var profile: String
        var totals: UsageFigures
    }

    struct UsageList: ResponseEncodable {
        var days: Int
        var items: [ProfileUsage]
        var total: UsageFigures
        var warnings: [String]
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("machine/cron/jobs", .read) { _, _ -> JobList in
            var list = JobList(items: [], warnings: [])
            for services in homes.all() {
                do {
                    list.items += try await services.cron.jobs().map { ProfileJob(profile: services.profile.rawValue, job: $0) }
                } catch {
                    list.warnings.append("\(services.profile): \(error)")
                }
            }
            return list
        }
        group.get("machine/sessions/search", .read) { request, _ -> SearchList in
            let values = QueryValues(request)
            let query = try SessionRoutes.searchQuery(values)
            let limit = try values.int("limit", in: 1...50, default: 10)
            var list = SearchList(items: [], warnings: [])
            for services in homes.all() {
                do {
                    let results = try await services.search.search(query, order: .newest, limit: limit, cursor: nil, visibility: .history)
                    if !results.items.isEmpty { list.items.append(ProfileSearch(profile: services.profile.rawValue, results: results)) }
                } catch {
                    list.warnings.append("\(services.profile): \(error)")
                }
            }
            return list
        }
        group.get("machine/analytics/usage", .read) { request, _ -> UsageList in
            let days = try QueryValues(request).int("days", in: 1...3_660, default: 30)
            var list = UsageList(days: days, items: [], total: .zero, warnings: [])
            for services in homes.all() {
                do {
                    let range = try services.analytics.window(from: nil, to: nil, days: days, timeZone: nil, bucket: .day)
                    let report = try await services.analytics.usage(range)
                    list.items.append(ProfileUsage(profile: services.profile.rawValue, totals: report.totals))
                    list.total = list.total + report.totals
                } catch {
                    list.warnings.append("\(services.profile): \(error)")
                }
            }
            return list
        }
    }
}

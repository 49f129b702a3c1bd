/// Session lists are the hottest responses; their items write their JSON directly (same shape as `Encodable`).
extension SessionSummary: DirectJSONWritable {
    func writeJSON(to writer: JSONWriter) {
        JSONWriter.object(writer) { json in
            json.member("id", id)
            json.member("kind", kind.rawValue)
            json.member("segmentIDs", strings: segmentIDs)
            json.member("title", title)
            json.member("preview", preview)
            json.member("platform", platform)
            json.member("model", model)
            json.member("provider", provider)
            json.member("startedAt", startedAt)
            json.member("endedAt", endedAt)
            json.member("lastActiveAt", lastActiveAt)
            json.member("endReason", endReason)
            json.member("isOpen", isOpen)
            json.member("isActive", isActive)
            json.member("messageCount", messageCount)
            json.member("toolCallCount", toolCallCount)
            json.member("apiCallCount", apiCallCount)
            json.member("tokens", tokens)
            json.member("cost", cost)
            json.member("parentID", parentID)
            json.member("childCount", childCount)
            json.member("profile", profile)
            json.member("archived", archived)
        }
    }
}

extension TokenCounts: DirectJSONWritable {
    func writeJSON(to writer: JSONWriter) {
        JSONWriter.object(writer) { json in
            json.member("input", input)
            json.member("output", output)
            json.member("cacheRead", cacheRead)
            json.member("cacheWrite", cacheWrite)
            json.member("reasoning", reasoning)
            json.member("total", total)
        }
    }
}

extension CostFigures: DirectJSONWritable {
    func writeJSON(to writer: JSONWriter) {
        JSONWriter.object(writer) { json in
            json.member("estimatedUSD", estimatedUSD)
            json.member("actualUSD", actualUSD)
            json.member("status", status)
        }
    }
}

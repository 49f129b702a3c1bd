import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct EventBusTests {
    @Test func aReconnectingStreamGetsWhatItMissedOrIsToldToReload() throws {
        let bus = EventBus(capacity: 3, maximumListeners: 2)
        for index in 1...5 { bus.publish(index.isMultiple(of: 2) ? .envChanged : .configChanged) }
        let resumed = try bus.subscribe(after: 3)
        #expect(resumed.replay.map(\.id) == [4, 5])
        #expect(!resumed.missedSome)
        let tooOld = try bus.subscribe(after: 1)
        #expect(tooOld.missedSome, "event 2 fell out of the buffer")
        #expect(throws: WorkspaceError.self) { try bus.subscribe(after: nil) }
        resumed.cancel()
        let fromAnotherLife = try bus.subscribe(after: 99)
        #expect(fromAnotherLife.missedSome && fromAnotherLife.replay.isEmpty, "an id from before a restart means reload")
    }

    @Test func liveEventsReachEveryOpenStream() async throws {
        let bus = EventBus()
        let first = try bus.subscribe(after: nil)
        let second = try bus.subscribe(after: nil)
        bus.publish(.configChanged, .object(["etag": .string("x")]))
        var iterator = first.events.makeAsyncIterator()
        #expect(await iterator.next()?.type == "config.changed")
        var other = second.events.makeAsyncIterator()
        #expect(await other.next()?.data == .object(["etag": .string("x")]))
        first.cancel()
        second.cancel()
        #expect(bus.listenerCount == 0)
    }

    @Test func ticketsAreSingleUseAndExpire() throws {
        let tickets = EventTickets(lifetime: 60)
        let now = Date()
        let (ticket, expiry) = try tickets.issue(now: now)
        #expect(ticket.count == 64 && expiry == now.addingTimeInterval(60))
        #expect(tickets.redeem(ticket, now: now))
        #expect(!tickets.redeem(ticket, now: now), "a ticket opens one stream")
        let (late, _) = try tickets.issue(now: now)
        #expect(!tickets.redeem(late, now: now.addingTimeInterval(61)))
        #expect(!tickets.redeem("guess", now: now))
    }
}

import GRDB

extension Database {
    /// The rows of `sql` through this connection's statement cache, so a query shape is parsed once per connection.
    func rows(_ sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }
}

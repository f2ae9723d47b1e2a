import Foundation
import GRDB
import StepwiseStore

// Local SNS topics, their subscriptions, and the outbox that makes deliveries durable.
extension SQLiteStore: TopicStore {
    public func createTopic(_ record: TopicRecord) async throws -> TopicRecord {
        let attributes = try Self.encodeMap(record.attributes)
        return try await writing { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT \(TopicColumns.topic) FROM topic WHERE arn = ?",
                                               arguments: [record.arn]) {
                return try TopicColumns.topic(existing)
            }
            try db.execute(sql: "INSERT INTO topic (arn, name, attributes, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [record.arn, record.name, attributes, record.createdAt.storedValue])
            return record
        }
    }

    public func topic(arn: String) async throws -> TopicRecord? {
        try await reading { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(TopicColumns.topic) FROM topic WHERE arn = ?"), arguments: [arn])
                .map(TopicColumns.topic)
        }
    }

    public func updateTopic(arn: String, attributes: [String: String]) async throws -> Bool {
        let text = try Self.encodeMap(attributes)
        return try await writing { db in
            try db.execute(sql: "UPDATE topic SET attributes = ? WHERE arn = ?", arguments: [text, arn])
            return db.changesCount == 1
        }
    }

    @discardableResult public func deleteTopic(arn: String) async throws -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM topic WHERE arn = ?", arguments: [arn])
            let deleted = db.changesCount == 1
            try db.execute(sql: """
                DELETE FROM topicDelivery WHERE subscriptionArn IN (SELECT arn FROM subscription WHERE topicArn = ?)
                """, arguments: [arn])
            try db.execute(sql: "DELETE FROM subscription WHERE topicArn = ?", arguments: [arn])
            return deleted
        }
    }

    public func listTopics() async throws -> [TopicRecord] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT \(TopicColumns.topic) FROM topic ORDER BY id").map(TopicColumns.topic)
        }
    }

    public func subscribe(_ record: SubscriptionRecord) async throws -> SubscriptionRecord {
        let attributes = try Self.encodeMap(record.attributes)
        return try await writing { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM topic WHERE arn = ?", arguments: [record.topicArn]) != nil else {
                throw StoreError.notFound(record.topicArn)
            }
            if let existing = try Row.fetchOne(db, sql: """
                SELECT \(TopicColumns.subscription) FROM subscription WHERE topicArn = ? AND protocol = ? AND endpoint = ?
                """, arguments: [record.topicArn, record.protocol, record.endpoint]) {
                return try TopicColumns.subscription(existing)
            }
            try db.execute(sql: """
                INSERT INTO subscription (arn, topicArn, protocol, endpoint, attributes, confirmed, confirmationToken)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.arn, record.topicArn, record.protocol, record.endpoint, attributes,
                                 record.confirmed, record.confirmationToken])
            return record
        }
    }

    public func subscription(arn: String) async throws -> SubscriptionRecord? {
        try await reading { db in
            try Row.fetchOne(db, sql: "SELECT \(TopicColumns.subscription) FROM subscription WHERE arn = ?", arguments: [arn])
                .map(TopicColumns.subscription)
        }
    }

    public func updateSubscription(_ record: SubscriptionRecord) async throws -> Bool {
        let attributes = try Self.encodeMap(record.attributes)
        return try await writing { db in
            try db.execute(sql: "UPDATE subscription SET attributes = ?, confirmed = ?, confirmationToken = ? WHERE arn = ?",
                           arguments: [attributes, record.confirmed, record.confirmationToken, record.arn])
            return db.changesCount == 1
        }
    }

    @discardableResult public func unsubscribe(arn: String) async throws -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM subscription WHERE arn = ?", arguments: [arn])
            let deleted = db.changesCount == 1
            try db.execute(sql: "DELETE FROM topicDelivery WHERE subscriptionArn = ?", arguments: [arn])
            return deleted
        }
    }

    public func listSubscriptions(topicArn: String?) async throws -> [SubscriptionRecord] {
        try await reading { db in
            if let topicArn {
                return try Row.fetchAll(db, sql: "SELECT \(TopicColumns.subscription) FROM subscription WHERE topicArn = ? ORDER BY id",
                                        arguments: [topicArn]).map(TopicColumns.subscription)
            }
            return try Row.fetchAll(db, sql: "SELECT \(TopicColumns.subscription) FROM subscription ORDER BY id")
                .map(TopicColumns.subscription)
        }
    }

    public func publish(topicArn: String, payloads: [String], now: Date) async throws -> Int? {
        try await writing { db in
            let publish = TopicPublish(topicArn: topicArn, payloads: payloads, at: now)
            return try Self.publish(db, publish) ? publish.receipt.deliveries : nil
        }
    }

    /// Puts the deliveries of `publish` in the outbox; false when the topic does not exist.
    static func publish(_ db: Database, _ publish: TopicPublish) throws -> Bool {
        guard try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM topic WHERE arn = ?"), arguments: [publish.topicArn]) != nil
        else { return false }
        let subscriptions = try String.fetchAll(db.cachedStatement(sql: """
            SELECT arn FROM subscription WHERE topicArn = ? AND confirmed = 1 ORDER BY id
            """), arguments: [publish.topicArn])
        let insert = try db.cachedStatement(sql: "INSERT INTO topicDelivery (subscriptionArn, payload, dueAt) VALUES (?, ?, ?)")
        for payload in publish.payloads {
            for subscription in subscriptions {
                try insert.execute(arguments: [subscription, payload, publish.at.storedValue])
            }
        }
        publish.receipt.record(deliveries: publish.payloads.count * subscriptions.count)
        return true
    }

    public func enqueueDelivery(subscriptionArn: String, payload: String, now: Date) async throws {
        try await writing { db in
            try db.execute(sql: "INSERT INTO topicDelivery (subscriptionArn, payload, dueAt) VALUES (?, ?, ?)",
                           arguments: [subscriptionArn, payload, now.storedValue])
        }
    }

    public func claimDeliveries(limit: Int, now: Date, leaseUntil: Date) async throws -> [TopicDelivery] {
        guard limit > 0 else { return [] }
        return try await writing { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT d.id, d.payload, d.attempts, \(TopicColumns.subscriptionColumns(alias: "s"))
                FROM topicDelivery d JOIN subscription s ON s.arn = d.subscriptionArn
                WHERE d.dueAt <= ? ORDER BY d.dueAt, d.id LIMIT ?
                """), arguments: [now.storedValue, limit])
            let claim = try db.cachedStatement(sql: "UPDATE topicDelivery SET dueAt = ? WHERE id = ?")
            return try rows.map { row in
                try claim.execute(arguments: [leaseUntil.storedValue, row[0] as Int64])
                return TopicDelivery(id: row[0], subscription: try TopicColumns.subscription(row, offset: 3),
                                     payload: row[1], attempts: row[2])
            }
        }
    }

    public func finishDelivery(id: Int64) async throws {
        try await writing { db in
            try db.execute(sql: "DELETE FROM topicDelivery WHERE id = ?", arguments: [id])
        }
    }

    public func retryDelivery(id: Int64, at retryAt: Date) async throws {
        try await writing { db in
            try db.execute(sql: "UPDATE topicDelivery SET dueAt = ?, attempts = attempts + 1 WHERE id = ?",
                           arguments: [retryAt.storedValue, id])
        }
    }

    public func nextDeliveryDue() async throws -> Date? {
        try await reading { db in
            try Double.fetchOne(db, sql: "SELECT min(dueAt) FROM topicDelivery").map(Date.init(storedValue:))
        }
    }
}

/// The topic tables' columns and decoding.
enum TopicColumns {
    static let topic = "arn, name, attributes, createdAt"

    static func topic(_ row: Row) throws -> TopicRecord {
        TopicRecord(arn: row[0], name: row[1], attributes: try SQLiteStore.decodeMap(row[2]), createdAt: Date(storedValue: row[3]))
    }

    static let subscription = subscriptionColumns(alias: nil)

    static func subscriptionColumns(alias: String?) -> String {
        let p = alias.map { "\($0)." } ?? ""
        return "\(p)arn, \(p)topicArn, \(p)protocol, \(p)endpoint, \(p)attributes, \(p)confirmed, \(p)confirmationToken"
    }

    static func subscription(_ row: Row) throws -> SubscriptionRecord { try subscription(row, offset: 0) }

    static func subscription(_ row: Row, offset o: Int) throws -> SubscriptionRecord {
        SubscriptionRecord(arn: row[o], topicArn: row[o + 1], protocol: row[o + 2], endpoint: row[o + 3],
                           attributes: try SQLiteStore.decodeMap(row[o + 4]), confirmed: row[o + 5],
                           confirmationToken: row[o + 6])
    }
}

extension SQLiteStore {
    /// Topics, subscriptions and the outbox (part of migration "v2: queues and topics").
    static let topicTables = """

        CREATE TABLE topic (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            arn TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            attributes TEXT NOT NULL,
            createdAt REAL NOT NULL
        );

        CREATE TABLE subscription (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            arn TEXT NOT NULL UNIQUE,
            topicArn TEXT NOT NULL,
            protocol TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            attributes TEXT NOT NULL,
            confirmed INTEGER NOT NULL,
            confirmationToken TEXT
        );
        CREATE INDEX subscription_topic ON subscription(topicArn, id);

        -- The outbox: a delivery stays until it succeeded. A claim pushes dueAt to the end
        -- of its lease, so a crashed deliverer's deliveries come back by themselves.
        CREATE TABLE topicDelivery (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            subscriptionArn TEXT NOT NULL,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            dueAt REAL NOT NULL
        );
        CREATE INDEX topicDelivery_due ON topicDelivery(dueAt, id);
        CREATE INDEX topicDelivery_subscription ON topicDelivery(subscriptionArn);
        """
}

import GRDB

extension SQLiteStore {
    /// The schema's versions. Shipped migrations never change: a change is a new migration
    /// appended below.
    ///
    /// Conventions: dates are REAL seconds since 2001-01-01 UTC (`Date`'s own reference,
    /// so they read back exactly equal); child tables reference executions by their
    /// integer `id`, not by ARN, to keep history and inbox rows and indexes small.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: state machines, executions, work, activities, tags") { db in
            try db.execute(sql: schemaV1)
        }
        migrator.registerMigration("v2: queues and topics") { db in
            try db.execute(sql: queuesAndTopicsSchema)
        }
        migrator.registerMigration("v3: functions and logs") { db in
            try db.execute(sql: schemaV3)
        }
        migrator.registerMigration("v4: versions, aliases, redrive") { db in
            try db.execute(sql: versionsAliasesAndRedriveSchema)
        }
        migrator.registerMigration("v5: event source mappings") { db in
            try db.execute(sql: eventSourceMappingSchema)
        }
        migrator.registerMigration("v6: stacks") { db in
            try db.execute(sql: stacksSchema)
        }
        migrator.registerMigration("v7: open-work gauges") { db in
            // `/metrics` counts running executions; this keeps that count off the full table.
            try db.execute(sql: "CREATE INDEX execution_open ON execution(id) WHERE status IN ('RUNNING', 'PENDING_REDRIVE')")
        }
        migrator.registerMigration("v8: queue message expiry index") { db in
            // Each receive deletes the queue's expired messages first: without this index
            // that read every message of the queue.
            try db.execute(sql: "CREATE INDEX queueMessage_expiry ON queueMessage(queueID, expiresAt)")
        }
        migrator.registerMigration("v9: execution step count") { db in
            // Bumped by every committed step: a completion that stepped an execution from
            // what it read commits only if nothing stepped the execution in between.
            try db.execute(sql: "ALTER TABLE execution ADD COLUMN stepCount INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }

    private static let schemaV1 = """
        CREATE TABLE stateMachine (
            id INTEGER PRIMARY KEY AUTOINCREMENT, -- creation order, for listings
            arn TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            definition TEXT NOT NULL,
            roleArn TEXT NOT NULL,
            description TEXT,
            createdAt REAL NOT NULL,
            updatedAt REAL NOT NULL,
            revisionID TEXT NOT NULL,
            loggingConfiguration TEXT,
            tracingConfiguration TEXT
        );

        CREATE TABLE execution (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            arn TEXT NOT NULL UNIQUE,
            stateMachineArn TEXT NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            input TEXT NOT NULL,
            output TEXT,
            error TEXT,
            cause TEXT,
            startDate REAL NOT NULL,
            stopDate REAL,
            parentExecutionArn TEXT,
            parentTicket INTEGER,
            redriveCount INTEGER NOT NULL DEFAULT 0,
            definitionID TEXT NOT NULL DEFAULT '', -- the definition it runs (table definition)
            snapshot TEXT,
            runnable INTEGER NOT NULL DEFAULT 0,  -- 1: has a step to take (inbox, or not started)
            claimOwner TEXT,                      -- the node holding the claim
            claimUntil REAL,                      -- its lease
            UNIQUE (stateMachineArn, name)
        );
        -- claimRunnable walks only the runnable executions.
        CREATE INDEX execution_runnable ON execution(id) WHERE runnable = 1;
        -- listExecutions, newest first, with and without a status filter.
        CREATE INDEX execution_listing ON execution(stateMachineArn, startDate, id);
        CREATE INDEX execution_listing_status ON execution(stateMachineArn, status, startDate, id);
        CREATE INDEX execution_parent ON execution(parentExecutionArn) WHERE parentExecutionArn IS NOT NULL;

        CREATE TABLE historyEvent (
            executionID INTEGER NOT NULL REFERENCES execution(id),
            eventID INTEGER NOT NULL,
            previousEventID INTEGER NOT NULL,
            timestamp REAL NOT NULL,
            type TEXT NOT NULL,
            detailsKey TEXT,
            details TEXT,
            PRIMARY KEY (executionID, eventID)
        ) WITHOUT ROWID;

        CREATE TABLE inbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT, -- feeding order; never reused
            executionID INTEGER NOT NULL REFERENCES execution(id),
            payload TEXT NOT NULL
        );
        CREATE INDEX inbox_execution ON inbox(executionID, id);

        CREATE TABLE token (
            tokenID TEXT NOT NULL PRIMARY KEY,
            token TEXT NOT NULL,
            executionID INTEGER NOT NULL REFERENCES execution(id),
            ticket INTEGER NOT NULL,
            createdAt REAL NOT NULL,
            activityArn TEXT,
            input TEXT,
            heartbeatSeconds INTEGER,
            open INTEGER NOT NULL DEFAULT 1,
            taken INTEGER NOT NULL DEFAULT 0,     -- handed to an activity worker
            takenBy TEXT,
            takenAt REAL
        );
        -- closeTickets, and closing everything when an execution ends.
        CREATE INDEX token_open ON token(executionID, ticket) WHERE open = 1;
        -- takeActivityTask: the oldest waiting task of an activity.
        CREATE INDEX token_activity_queue ON token(activityArn, createdAt) WHERE open = 1 AND taken = 0;

        CREATE TABLE timer (
            id INTEGER PRIMARY KEY,
            executionID INTEGER NOT NULL REFERENCES execution(id),
            ticket INTEGER NOT NULL,
            kind TEXT NOT NULL,
            dueAt REAL NOT NULL,
            payload TEXT NOT NULL,
            tokenID TEXT,
            UNIQUE (executionID, ticket, kind)
        );
        CREATE INDEX timer_due ON timer(dueAt, id);

        CREATE TABLE dispatch (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            executionID INTEGER NOT NULL REFERENCES execution(id),
            ticket INTEGER NOT NULL,
            payload TEXT NOT NULL,
            claimOwner TEXT,
            claimUntil REAL
        );
        -- claimDispatches: new ones in order, and expired leases, each a range of one index.
        CREATE INDEX dispatch_unclaimed ON dispatch(id) WHERE claimOwner IS NULL;
        CREATE INDEX dispatch_lease ON dispatch(claimUntil) WHERE claimOwner IS NOT NULL;

        CREATE TABLE activity (
            id INTEGER PRIMARY KEY AUTOINCREMENT, -- creation order, for listings
            arn TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            createdAt REAL NOT NULL
        );

        -- Definitions by digest: an execution keeps the one it started with.
        CREATE TABLE definition (
            id TEXT NOT NULL PRIMARY KEY,
            text TEXT NOT NULL
        ) WITHOUT ROWID;

        -- Secrets shared by every node (the task-token key).
        CREATE TABLE secret (
            name TEXT NOT NULL PRIMARY KEY,
            value BLOB NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE tag (
            resourceArn TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (resourceArn, key)
        ) WITHOUT ROWID;
        """
}

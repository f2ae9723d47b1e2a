extension SQLiteStore {
    /// v4: state machine versions and aliases, and what RedriveExecution keeps.
    static let versionsAliasesAndRedriveSchema = """
        -- Versions: immutable copies of a revision. Numbers are never reused: the state
        -- machine counts the versions it published.
        ALTER TABLE stateMachine ADD COLUMN lastVersion INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE stateMachineVersion (
            arn TEXT NOT NULL PRIMARY KEY,
            stateMachineArn TEXT NOT NULL,
            version INTEGER NOT NULL,
            type TEXT NOT NULL,
            definition TEXT NOT NULL,
            roleArn TEXT NOT NULL,
            description TEXT,
            revisionID TEXT NOT NULL,
            createdAt REAL NOT NULL,
            loggingConfiguration TEXT,
            tracingConfiguration TEXT,
            UNIQUE (stateMachineArn, version),     -- listings, newest first
            UNIQUE (stateMachineArn, revisionID)   -- a revision is published once
        ) WITHOUT ROWID;

        CREATE TABLE stateMachineAlias (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, for listings
            arn TEXT NOT NULL UNIQUE,
            stateMachineArn TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            createdAt REAL NOT NULL,
            updatedAt REAL NOT NULL
        );
        CREATE INDEX stateMachineAlias_listing ON stateMachineAlias(stateMachineArn, id);

        -- An alias's routingConfiguration, in the order given.
        CREATE TABLE aliasRoute (
            aliasID INTEGER NOT NULL REFERENCES stateMachineAlias(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            versionArn TEXT NOT NULL,
            weight INTEGER NOT NULL,
            PRIMARY KEY (aliasID, position)
        ) WITHOUT ROWID;
        -- DeleteStateMachineVersion: is the version routed to?
        CREATE INDEX aliasRoute_version ON aliasRoute(versionArn);

        -- Executions: what they were started through, and their last redrive.
        ALTER TABLE execution ADD COLUMN redriveDate REAL;
        ALTER TABLE execution ADD COLUMN stateMachineVersionArn TEXT;
        ALTER TABLE execution ADD COLUMN stateMachineAliasArn TEXT;

        -- RedriveExecution's client tokens: the last few of each execution.
        CREATE TABLE redriveRequest (
            executionID INTEGER NOT NULL REFERENCES execution(id),
            clientToken TEXT NOT NULL,
            redriveDate REAL NOT NULL,
            PRIMARY KEY (executionID, clientToken)
        ) WITHOUT ROWID;
        """
}

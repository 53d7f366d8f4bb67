# Points etl.jar at the servers of docker-compose-db.yaml: `source config.sh`.
# Copy and edit it for other servers; every variable left unset (or empty) makes etl.jar use
# the embedded local environment for that part instead. Keep real passwords out of git:
# set them in the environment or in a file only the service user can read.

export ETL_DATA_DIR="${ETL_DATA_DIR:-./data}"
export ETL_DROP_DIR="${ETL_DROP_DIR:-$ETL_DATA_DIR/drop}"
export ETL_STAGING_URI="${ETL_STAGING_URI:-./staging}"

# in-store system (PostgreSQL)
export ETL_INSTORE_URL="${ETL_INSTORE_URL:-jdbc:postgresql://localhost:5432/instore}"
export ETL_INSTORE_USER="${ETL_INSTORE_USER:-etl}"
export ETL_INSTORE_PASSWORD="${ETL_INSTORE_PASSWORD:-etl-instore}"

# warehouse and job repository: MySQL 8 (jdbc:mysql:), MariaDB (jdbc:mariadb:) or PostgreSQL
export ETL_WAREHOUSE_URL="${ETL_WAREHOUSE_URL:-jdbc:mysql://localhost:3306/warehouse}"
export ETL_WAREHOUSE_USER="${ETL_WAREHOUSE_USER:-etl}"
export ETL_WAREHOUSE_PASSWORD="${ETL_WAREHOUSE_PASSWORD:-etl-warehouse}"

# e-commerce change events (Kafka)
export ETL_KAFKA_BOOTSTRAP_SERVERS="${ETL_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}"

# the JVM of a scheduled run (README, "Recommended JVM options"); glibc's per-thread malloc
# arenas would add tens of MB of resident memory
export ETL_JAVA_OPTS="${ETL_JAVA_OPTS:--Xmx256m -Xmn128m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xss512k -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:Tier4InvocationThreshold=80000 -XX:Tier4MinInvocationThreshold=9600 -XX:Tier4CompileThreshold=120000 -XX:Tier4BackEdgeThreshold=640000}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# the data generator's seed: the same seed and scenario give the same data
export ETL_SEED="${ETL_SEED:-20240101}"

(ns metabase.driver.funnelsql
  "Metabase driver for FunnelSQL, a JDBC driver that adds funnels, segments and cohorts (tables of a YAML model)
  and behavioural SQL functions to an event store. Shipped as source inside funnelsql.jar; Metabase compiles it when
  the driver is first used. FunnelSQL's JDBC driver itself accepts what Metabase's sql-jdbc layer sends (java.time
  parameters and columns, a trailing semicolon, DATE_TRUNC('unit', x)), so this namespace only says how to connect,
  how to name types and how to bucket times."
  (:require
   [clojure.string :as str]
   [metabase.driver :as driver]
   [metabase.driver.sql-jdbc.connection :as sql-jdbc.conn]
   [metabase.driver.sql-jdbc.sync :as sql-jdbc.sync]
   [metabase.driver.sql.query-processor :as sql.qp]
   [metabase.util.honey-sql-2 :as h2x]))

(driver/register! :funnelsql, :parent :sql-jdbc)

;;; ------------------------------------------------ connecting ------------------------------------------------------

(defn- quote-value
  "A value of a jdbc:funnelsql: URL key, single-quoted (a quote inside doubled) so that ';' in it is kept."
  [value]
  (str "'" (str/replace (str value) "'" "''") "'"))

(defn connection-url-keys
  "The key=value part of the jdbc:funnelsql: URL for the connection form's details: model, url (the event store's
  JDBC URL) and schema, blank ones left out."
  [{:keys [model source-url schema]}]
  (->> [["model" model] ["url" source-url] ["schema" schema]]
       (remove (comp str/blank? str second))
       (map (fn [[k v]] (str k "=" (quote-value (str/trim (str v))))))
       (str/join ";")))

(defmethod sql-jdbc.conn/connection-details->spec :funnelsql
  [_driver {:keys [user password] :as details}]
  (cond-> {:classname   "dev.funnelsql.jdbc.FunnelDriver"
           :subprotocol "funnelsql"
           :subname     (connection-url-keys details)}
    (not (str/blank? (str user)))     (assoc :user user)
    (not (str/blank? (str password))) (assoc :password password)))

;;; ------------------------------------------------ features ------------------------------------------------------

(doseq [[feature supported?] {:metadata/key-constraints  false ; no primary or foreign keys are reported
                              :foreign-keys              false
                              :set-timezone              false ; times are UTC; there is no session time zone
                              :connection-impersonation  false
                              :uploads                   false ; FunnelSQL never writes to the event store
                              :table-privileges          false
                              :convert-timezone          false
                              :datetime-diff             false
                              :percentile-aggregations   false
                              :nested-queries            true
                              :expressions               true
                              :basic-aggregations        true
                              :standard-deviation-aggregations true
                              :case-sensitivity-string-filter-options true}]
  (defmethod driver/database-supports? [:funnelsql feature] [_driver _feature _database] supported?))

(defmethod driver/db-default-timezone :funnelsql [_driver _database] "UTC")

(defmethod driver/db-start-of-week :funnelsql [_driver] :monday)

;;; ------------------------------------------------ types ------------------------------------------------------

(def base-types
  "FunnelSQL's type names (DatabaseMetaData TYPE_NAME and ResultSetMetaData getColumnTypeName report plain names such
  as VARCHAR or TIMESTAMP, the names of getTypeInfo) and the Metabase base type of each."
  {"BOOLEAN"                        :type/Boolean
   "TINYINT"                        :type/Integer
   "SMALLINT"                       :type/Integer
   "INTEGER"                        :type/Integer
   "BIGINT"                         :type/BigInteger
   "UTINYINT"                       :type/Integer
   "USMALLINT"                      :type/Integer
   "UINTEGER"                       :type/BigInteger
   "UBIGINT"                        :type/BigInteger
   "DECIMAL"                        :type/Decimal
   "REAL"                           :type/Float
   "FLOAT"                          :type/Float
   "DOUBLE"                         :type/Float
   "CHAR"                           :type/Text
   "VARCHAR"                        :type/Text
   "DATE"                           :type/Date
   "TIME"                           :type/Time
   "TIME_WITH_LOCAL_TIME_ZONE"      :type/TimeWithLocalTZ
   "TIME_TZ"                        :type/TimeWithTZ
   "TIMESTAMP"                      :type/DateTime
   "TIMESTAMP_WITH_LOCAL_TIME_ZONE" :type/DateTimeWithLocalTZ
   "TIMESTAMP_TZ"                   :type/DateTimeWithTZ
   "UUID"                           :type/UUID
   "MAP"                            :type/Dictionary
   "ROW"                            :type/Dictionary
   "ARRAY"                          :type/Array
   "MULTISET"                       :type/Array})

(defn type-name->base-type
  "The base type of a FunnelSQL type name (a string or keyword, any case; a full name such as VARCHAR(40) NOT NULL
  is reduced to its type). An array's or multiset's name ends in ARRAY or MULTISET after its element type. Names
  Metabase has no type for (binary, interval, other) are :type/*."
  [database-type]
  (let [type-name (-> (name database-type)
                      str/upper-case
                      (str/replace #"\([^)]*\)" "")
                      (str/replace #" NOT NULL$" "")
                      str/trim)]
    (cond
      (str/ends-with? type-name "ARRAY")    :type/Array
      (str/ends-with? type-name "MULTISET") :type/Array
      :else                                 (get base-types type-name :type/*))))

(defmethod sql-jdbc.sync/database-type->base-type :funnelsql
  [_driver database-type]
  (type-name->base-type database-type))

;;; ------------------------------------------------ SQL ------------------------------------------------------

(defmethod sql.qp/current-datetime-honeysql-form :funnelsql
  [_driver]
  [:raw "CURRENT_TIMESTAMP"])

(defn- date-trunc
  "FunnelSQL's DATE_TRUNC('unit', x): the start of the unit on the UTC calendar, ISO weeks (Monday first)."
  [unit expr]
  [:DATE_TRUNC [:inline (name unit)] expr])

(defmethod sql.qp/date [:funnelsql :default] [_driver _unit expr] expr)
(defmethod sql.qp/date [:funnelsql :second] [_driver _unit expr] (date-trunc :second expr))
(defmethod sql.qp/date [:funnelsql :minute] [_driver _unit expr] (date-trunc :minute expr))
(defmethod sql.qp/date [:funnelsql :hour] [_driver _unit expr] (date-trunc :hour expr))
(defmethod sql.qp/date [:funnelsql :day] [_driver _unit expr] (date-trunc :day expr))
(defmethod sql.qp/date [:funnelsql :month] [_driver _unit expr] (date-trunc :month expr))
(defmethod sql.qp/date [:funnelsql :quarter] [_driver _unit expr] (date-trunc :quarter expr))
(defmethod sql.qp/date [:funnelsql :year] [_driver _unit expr] (date-trunc :year expr))

(defmethod sql.qp/date [:funnelsql :week]
  [driver _unit expr]
  (sql.qp/adjust-start-of-week driver (partial date-trunc :week) expr))

(defmethod sql.qp/date [:funnelsql :day-of-week]
  [driver _unit expr]
  ;; ISODOW is 1 on Monday, the day db-start-of-week names; Metabase shifts it to the start-of-week setting.
  (sql.qp/adjust-day-of-week driver (h2x/extract :isodow expr)))

(defn interval-literal
  "An interval of a whole number of units as standard SQL, e.g. INTERVAL '30' DAY; weeks count as 7 days and
  quarters as 3 months."
  [amount unit]
  (let [[n unit] (case unit
                   :week    [(* 7 amount) :day]
                   :quarter [(* 3 amount) :month]
                   [amount unit])]
     (str "INTERVAL '" (long (if (neg? n) (- n) n)) "' " (str/upper-case (name unit)))))

(defmethod sql.qp/add-interval-honeysql-form :funnelsql
  [_driver hsql-form amount unit]
  ;; x - INTERVAL '30' DAY rather than TIMESTAMPADD(DAY, -30, x): the store gets a form every dialect can print.
  [(if (neg? amount) :- :+) hsql-form [:raw (interval-literal amount unit)]])

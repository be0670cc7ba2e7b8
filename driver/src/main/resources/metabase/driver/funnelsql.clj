(ns metabase.driver.funnelsql
  "Metabase driver for FunnelSQL, a JDBC driver that adds funnels, segments and cohorts (tables of a YAML model)
  and behavioural SQL functions to an event store. Shipped as source inside funnelsql.jar; Metabase compiles it when
  the driver is first used. FunnelSQL's JDBC driver itself accepts what Metabase's sql-jdbc layer sends (java.time
  parameters and columns, a trailing semicolon, DATE_TRUNC('unit', x)), so this namespace only says how to connect,
  how to name types, how to bucket times and how to show arrays. Written for Metabase 0.52 and later (Honey SQL 2,
  Java 21 images)."
  (:require
   [clojure.string :as str]
   [metabase.driver :as driver]
   [metabase.driver.sql-jdbc.connection :as sql-jdbc.conn]
   [metabase.driver.sql-jdbc.execute :as sql-jdbc.execute]
   [metabase.driver.sql-jdbc.sync :as sql-jdbc.sync]
   [metabase.driver.sql.query-processor :as sql.qp]
   [metabase.util.honey-sql-2 :as h2x])
  (:import
   (java.sql ResultSet Types)))

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
                              :set-timezone              false ; times are UTC; there is no session time zone
                              :connection-impersonation  false
                              :uploads                   false ; FunnelSQL never writes to the event store
                              :table-privileges          false
                              :convert-timezone          false
                              :datetime-diff             false
                              :percentile-aggregations   false
                              ;; Calcite's standard SQL has no regular-expression extraction (REGEXP_SUBSTR is not
                              ;; in FunnelSQL's function set), so Metabase hides regexextract, host and domain.
                              :regex                     false
                              ;; Casts from text Metabase writes per database; not tested through FunnelSQL.
                              :expressions/date          false
                              :expressions/datetime      false
                              :expressions/float         false
                              :expressions/integer       false
                              :expressions/text          false
                              :split-part                false
                              :nested-queries            true
                              :expressions               true
                              :basic-aggregations        true
                              :standard-deviation-aggregations true
                              :case-sensitivity-string-filter-options true
                              :left-join                 true
                              :inner-join                true
                              :right-join                true
                              :full-join                 true
                              :window-functions/cumulative true
                              :window-functions/offset   true
                              ;; In OVER (ORDER BY 1) the 1 is a constant in standard SQL, not the first output column:
                              ;; Metabase must repeat the breakout expressions instead.
                              :sql/window-functions.order-by-output-column-numbers false}]
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


;;; Time grouping. Every unit is computed on the calendar of the model's time_zone or the connection's timeZone (UTC
;;; by default) from FunnelSQL's own DATE_TRUNC (the start of the unit on that calendar, ISO weeks from Monday),
;;; LOCAL_TIME (its wall-clock time) and EXTRACT, whose fields every store answers alike: no day-of-week numbering or
;;; week-of-year rule of the store is relied on. A raw time (:default) stays the UTC time the store holds.

(defn- local
  "FunnelSQL's LOCAL_TIME(x): the calendar's wall-clock time at the UTC time x."
  [expr]
  [:LOCAL_TIME expr])

(defn- date-trunc
  "FunnelSQL's DATE_TRUNC('unit', x) of a UTC time x: the start of its unit on the calendar's wall clock, ISO weeks
  (Monday first)."
  [unit expr]
  [:DATE_TRUNC [:inline (name unit)] expr])

(defn- extract
  "EXTRACT(field FROM x) as an INTEGER; a store whose seconds have a fraction (PostgreSQL) has it dropped, not rounded."
  [field expr]
  [:cast [:floor (h2x/extract field expr)] :integer])

(defn- days
  "x + n days."
  [expr n]
  [:+ expr [:raw (str "INTERVAL '" n "' DAY")]])

(defn- week-number
  "The number of the week of the year that the UTC time `expr` falls in on the calendar, when week 1 is the week of
  1 January and a week starts on the day that `first-day` (1 to 7, the day of the week of 1 January counted from the
  week's first day) says: 1 + floor((day-of-year - 1 + first-day - 1) / 7)."
  [expr first-day]
  [:cast [:+ [:inline 1] [:floor [:/ [:+ (extract :doy (local expr)) first-day [:inline -2]] [:inline 7]]]] :integer])

(defmethod sql.qp/date [:funnelsql :default] [_driver _unit expr] expr)
;; Calcite keeps times to the millisecond, so they are already truncated to it.
(defmethod sql.qp/date [:funnelsql :millisecond] [_driver _unit expr] expr)

(doseq [unit [:second :minute :hour :day :month :quarter :year]]
  (defmethod sql.qp/date [:funnelsql unit] [_driver unit expr] (date-trunc unit expr)))

(defmethod sql.qp/date [:funnelsql :week]
  [driver _unit expr]
  (sql.qp/adjust-start-of-week driver (partial date-trunc :week) expr))

(doseq [[unit field] {:second-of-minute :second
                      :minute-of-hour   :minute
                      :hour-of-day      :hour
                      :day-of-month     :day
                      :day-of-year      :doy
                      :month-of-year    :month
                      :quarter-of-year  :quarter
                      :year-of-era      :year
                      :day-of-week-iso  :isodow}]
  (defmethod sql.qp/date [:funnelsql unit] [_driver _unit expr] (extract field (local expr))))

(defmethod sql.qp/date [:funnelsql :day-of-week]
  [driver _unit expr]
  ;; ISODOW is 1 on Monday, the day db-start-of-week names; Metabase shifts it to the start-of-week setting.
  (sql.qp/adjust-day-of-week driver (extract :isodow (local expr))))

(defmethod sql.qp/date [:funnelsql :week-of-year]
  [driver _unit expr]
  ;; As Metabase's :sql parent defines it: ceil(day of the year of the week's first day / 7).
  [:cast [:ceil [:/ (extract :doy (sql.qp/date driver :week expr)) [:inline 7.0]]] :integer])

(defmethod sql.qp/date [:funnelsql :week-of-year-iso]
  [_driver _unit expr]
  ;; ISO 8601: the week's Thursday decides the year; week 1 holds the year's first Thursday.
  (let [thursday (days (date-trunc :week expr) 3)]
    [:cast [:+ [:inline 1] [:floor [:/ [:- (extract :doy thursday) [:inline 1]] [:inline 7]]]] :integer]))

(defmethod sql.qp/date [:funnelsql :week-of-year-us]
  [_driver _unit expr]
  ;; Week 1 holds 1 January; the next weeks start on Sunday (ISODOW 7 is day 1 of a US week).
  (week-number expr [:+ [:mod (extract :isodow (date-trunc :year expr)) [:inline 7]] [:inline 1]]))

(defmethod sql.qp/date [:funnelsql :week-of-year-instance]
  [driver _unit expr]
  ;; Week 1 holds 1 January; the next weeks start on the start-of-week setting's day.
  (week-number expr (sql.qp/adjust-day-of-week driver (extract :isodow (date-trunc :year expr)))))

;;; UNIX timestamps: whole seconds through TIMESTAMPADD, the remainder in milliseconds as an interval, so no store's
;;; integer-or-decimal division changes the answer.

(def ^:private epoch [:raw "TIMESTAMP '1970-01-01 00:00:00'"])

(defn- whole
  "(x - MOD(x, n)) / n as a BIGINT: x divided by n exactly, towards zero, whether the store's / is integer division
  or not (DuckDB's is not)."
  [expr n]
  [:cast [:/ [:- expr [:mod expr [:inline n]]] [:inline n]] :bigint])

(defmethod sql.qp/unix-timestamp->honeysql [:funnelsql :seconds]
  [_driver _unit expr]
  [:TIMESTAMPADD [:raw "SECOND"] expr epoch])

(defmethod sql.qp/unix-timestamp->honeysql [:funnelsql :milliseconds]
  [driver _unit expr]
  [:+ (sql.qp/unix-timestamp->honeysql driver :seconds (whole expr 1000))
   [:* [:cast [:mod expr [:inline 1000]] :integer] [:raw "INTERVAL '0.001' SECOND"]]])

(defmethod sql.qp/unix-timestamp->honeysql [:funnelsql :microseconds]
  [driver _unit expr]
  (sql.qp/unix-timestamp->honeysql driver :milliseconds (whole expr 1000)))

(defmethod sql.qp/unix-timestamp->honeysql [:funnelsql :nanoseconds]
  [driver _unit expr]
  (sql.qp/unix-timestamp->honeysql driver :milliseconds (whole expr 1000000)))

;;; Intervals.

(def ^:private seconds-per-unit
  {:millisecond 0.001M, :second 1M, :minute 60M, :hour 3600M, :day 86400M, :week 604800M})

(defn interval-literal
  "An interval of `amount` units as standard SQL, e.g. INTERVAL '30' DAY: weeks count as 7 days and quarters as
  3 months; a fractional amount (or milliseconds) of a unit up to a week becomes seconds to the millisecond, e.g.
  INTERVAL '5400' SECOND for 1.5 hours. A fractional number of months, quarters or years has no exact length."
  [amount unit]
  (let [magnitude (.abs (bigdec amount))
        integral? (zero? (.signum (.remainder magnitude BigDecimal/ONE)))
        [n unit]  (cond
                    (and integral? (= unit :week))    [(* 7 magnitude) :day]
                    (and integral? (= unit :quarter)) [(* 3 magnitude) :month]
                    (and integral? (not= unit :millisecond)) [magnitude unit]
                    (seconds-per-unit unit) [(.setScale (* magnitude (seconds-per-unit unit)) 3
                                                        java.math.RoundingMode/HALF_UP) :second]
                    :else (throw (ex-info (str "FunnelSQL cannot add a fractional number of " (name unit) "s: "
                                               amount)
                                          {:amount amount, :unit unit})))]
    (str "INTERVAL '" (.toPlainString (.stripTrailingZeros (bigdec n))) "' " (str/upper-case (name unit)))))

(defmethod sql.qp/add-interval-honeysql-form :funnelsql
  [_driver hsql-form amount unit]
  ;; x - INTERVAL '30' DAY rather than TIMESTAMPADD(DAY, -30, x): the store gets a form every dialect can print.
  [(if (neg? amount) :- :+) hsql-form [:raw (interval-literal amount unit)]])

;;; Arrays: FunnelSQL returns java.sql.Array values (FUNNEL_TIMES, RETENTION, store arrays); Metabase would show their
;;; toString(). They are read as JSON text instead, e.g. [true,false] or ["2026-01-01T10:00:00"].

(defn- json-string [s]
  (str "\"" (str/escape (str s) {\" "\\\"", \\ "\\\\", \newline "\\n", \return "\\r", \tab "\\t"}) "\""))

(defn array->json
  "A JDBC array (or a Java array or list of values) as JSON text: numbers and booleans as they are, nested arrays as
  arrays, null as null, times and everything else as strings."
  [value]
  (cond
    (nil? value)                  "null"
    (instance? java.sql.Array value) (array->json (.getArray ^java.sql.Array value))
    (.isArray (class value))      (array->json (vec (seq value)))
    (sequential? value)           (str "[" (str/join "," (map array->json value)) "]")
    (instance? java.util.List value) (array->json (vec value))
    (boolean? value)              (str value)
    (and (number? value) (not (and (float? value) (or (Double/isNaN value) (Double/isInfinite value)))))
    (if (decimal? value) (.toPlainString ^BigDecimal value) (str value))
    (instance? java.time.LocalDateTime value) (json-string (str value))
    (instance? java.sql.Timestamp value) (json-string (str (.toLocalDateTime ^java.sql.Timestamp value)))
    :else                         (json-string value)))

(defmethod sql-jdbc.execute/read-column-thunk [:funnelsql Types/ARRAY]
  [_driver ^ResultSet rs _rsmeta i]
  (fn []
    (some-> (.getArray rs (int i)) array->json)))

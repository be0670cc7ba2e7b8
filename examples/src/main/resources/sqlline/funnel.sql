-- A funnel from a script, with sqlline (Maven Central sqlline:sqlline):
--   java -cp funnelsql.jar:sqlline-1.12.0-jar-with-dependencies.jar:h2.jar sqlline.SqlLine \
--     -u "jdbc:funnelsql:model=examples/target/demo/shop.yaml" -n "" -p "" -f funnel.sql
-- Users by the step of the checkout funnel they reached within 7 days, then the model's chart table.
SELECT reached, COUNT(*) AS users
FROM (SELECT user_id,
             FUNNEL_STEP(event_time, INTERVAL '7' DAY,
                         event_name = 'product_viewed', event_name = 'cart_added',
                         event_name = 'checkout_started', event_name = 'order_paid') AS reached
      FROM events GROUP BY user_id) t
GROUP BY reached
ORDER BY reached;
SELECT step_label, users FROM funnels.checkout_chart;

package dev.funnelsql.calcite.prepare;

import org.apache.calcite.runtime.Resources;

/** Calcite resource bundle for statement-level refusals, so they carry the SQL position. */
public interface PrepareErrors {
  /** The singleton. */
  PrepareErrors INSTANCE = Resources.create(PrepareErrors.class);

  /** A write refused. */
  @Resources.BaseMessage("FunnelSQL is read-only: {0} statements are refused and nothing was sent to the event "
      + "store")
  Resources.ExInst<ReadOnlyException> readOnly(String kind);

  /** A row lock refused. */
  @Resources.BaseMessage("FunnelSQL is read-only: row locks (SELECT … FOR UPDATE or FOR SHARE) are refused and "
      + "nothing was sent to the event store")
  Resources.ExInst<ReadOnlyException> rowLock();

  /** A statement FunnelSQL does not run. */
  @Resources.BaseMessage("{0} statements are not supported: {1}")
  Resources.ExInst<UnsupportedStatementException> notSupported(String kind, String reason);
}

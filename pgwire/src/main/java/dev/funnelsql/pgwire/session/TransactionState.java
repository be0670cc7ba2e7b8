package dev.funnelsql.pgwire.session;

/**
 * The transaction status ReadyForQuery reports: idle, in a BEGIN block, or in a block that failed and ignores
 * everything until ROLLBACK (SQLSTATE 25P02), as PostgreSQL behaves. FunnelSQL only reads, so a block only groups
 * statements for the client; nothing is committed or undone.
 */
final class TransactionState {
  static final char IDLE = 'I';
  static final char IN_BLOCK = 'T';
  static final char FAILED = 'E';

  private char status = IDLE;

  char status() {
    return status;
  }

  boolean inBlock() {
    return status != IDLE;
  }

  boolean failed() {
    return status == FAILED;
  }

  /** BEGIN; false if a block was already open (PostgreSQL warns). */
  boolean begin() {
    if (status != IDLE) {
      return false;
    }
    status = IN_BLOCK;
    return true;
  }

  /** COMMIT or ROLLBACK; returns the status the block had. */
  char end() {
    final char previous = status;
    status = IDLE;
    return previous;
  }

  /** ROLLBACK TO SAVEPOINT: a failed block becomes usable again. */
  void recover() {
    if (status == FAILED) {
      status = IN_BLOCK;
    }
  }

  /** An error inside a block makes the block fail. */
  void fail() {
    if (status == IN_BLOCK) {
      status = FAILED;
    }
  }
}

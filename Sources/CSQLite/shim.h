// The system's SQLite (Debian's libsqlite3-dev), used only by reader-bench to compare with FTS5.
#include <sqlite3.h>

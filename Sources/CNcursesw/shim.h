// The system's ncursesw (Debian's libncurses-dev), wide-character API on. Only the
// NcursesBackend module imports this.
#ifndef CSTO_NCURSESW_SHIM_H
#define CSTO_NCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <term.h>

// wcwidth is declared only under _XOPEN_SOURCE in wchar.h; declare it for Swift.
int wcwidth(wchar_t c);
static inline int csto_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// Macros Swift cannot import.
static inline attr_t csto_a_normal(void) { return A_NORMAL; }
static inline attr_t csto_a_bold(void) { return A_BOLD; }
static inline attr_t csto_a_reverse(void) { return A_REVERSE; }
static inline attr_t csto_a_underline(void) { return A_UNDERLINE; }
static inline attr_t csto_a_dim(void) { return A_DIM; }
static inline int csto_key_f(int n) { return KEY_F(n); }
static inline mmask_t csto_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline mmask_t csto_button1(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t csto_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t csto_wheel_down(void) { return BUTTON5_PRESSED; }

#endif

// The wide-character ncurses API, and getters for what Swift cannot import as it is:
// macros (A_*, COLOR_PAIR, KEY_*), globals that Swift 6 rejects as shared mutable state
// (stdscr, COLORS, COLOR_PAIRS), and mouse masks.
#ifndef SMILE_TRIAGE_CNCURSES_SHIM_H
#define SMILE_TRIAGE_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static inline WINDOW *st_stdscr(void) { return stdscr; }
static inline int st_colors(void) { return COLORS; }
static inline int st_color_pairs(void) { return COLOR_PAIRS; }
static inline int st_lines(void) { return LINES; }
static inline int st_cols(void) { return COLS; }

static inline attr_t st_a_normal(void) { return A_NORMAL; }
static inline attr_t st_a_bold(void) { return A_BOLD; }
static inline attr_t st_a_dim(void) { return A_DIM; }
static inline attr_t st_a_reverse(void) { return A_REVERSE; }
static inline attr_t st_a_underline(void) { return A_UNDERLINE; }
static inline attr_t st_a_italic(void) { return A_ITALIC; }

static inline int st_key_resize(void) { return KEY_RESIZE; }
static inline int st_key_mouse(void) { return KEY_MOUSE; }
static inline int st_key_code_yes(void) { return KEY_CODE_YES; }

static inline mmask_t st_mouse_all(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t st_button1_pressed(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t st_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t st_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

/// Draws a UTF-8 string at a position with attributes and a colour pair.
static inline int st_put(int y, int x, const char *text, attr_t attributes, short pair) {
    attr_set(attributes, pair, NULL);
    return mvaddstr(y, x, text);
}

/// The terminfo string for a capability, or NULL when the terminal lacks it.
static inline const char *st_tigetstr(const char *name) {
    char *value = tigetstr((char *)name);
    if (value == (char *)-1 || value == NULL) return NULL;
    return value;
}

#endif

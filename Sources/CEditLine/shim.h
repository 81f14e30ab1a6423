#ifndef RECLAB_CEDITLINE_SHIM_H
#define RECLAB_CEDITLINE_SHIM_H
#include <stdio.h>
#include <editline/readline.h>

/* libedit keeps its settings in C globals; these wrappers are the only
   place reclab touches them, so Swift sees functions, not shared state. */

static inline void reclab_editline_setup(const char *name, const char *quotes, const char *breaks,
                                         rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_completer_quote_characters = quotes;
    rl_basic_word_break_characters = breaks;
    rl_attempted_completion_function = complete;
}

/* The whole line being edited, for completion. */
static inline const char *reclab_editline_buffer(void) { return rl_line_buffer; }

/* Tell libedit not to fall back to file-name completion. */
static inline void reclab_editline_completion_over(void) { rl_attempted_completion_over = 1; }

/* What follows a single completion: a space, or nothing after `nbrs=` or a folder's `/`. */
static inline void reclab_editline_append_character(int c) { rl_completion_append_character = c; }

#endif

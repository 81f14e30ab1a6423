#ifndef RECLAB_CEDITLINE_SHIM_H
#define RECLAB_CEDITLINE_SHIM_H
#include <stdio.h>
#include <editline/readline.h>
#endif

#ifndef RECLAB_CZEROMQ_SHIM_H
#define RECLAB_CZEROMQ_SHIM_H
#include <zmq.h>
#endif

#ifndef CCHILDPROCESS_H
#define CCHILDPROCESS_H

#include <spawn.h>

/// Adds to `actions` the closing of every descriptor from `lowest` up in the child
/// (glibc's posix_spawn_file_actions_addclosefrom_np, declared only under _GNU_SOURCE).
int cchild_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif

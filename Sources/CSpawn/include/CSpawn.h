#ifndef CSPAWN_H
#define CSPAWN_H

#include <spawn.h>

/// Makes the child close every descriptor from `lowest` up, whatever it inherited
/// (glibc's `posix_spawn_file_actions_addclosefrom_np`; on Apple platforms the
/// `POSIX_SPAWN_CLOEXEC_DEFAULT` flag on `attributes`). 0 or an errno value.
int cspawn_close_from(posix_spawn_file_actions_t *actions, posix_spawnattr_t *attributes, int lowest);

/// Makes the child start in `directory` (`posix_spawn_file_actions_addchdir_np`). 0 or an errno value.
int cspawn_change_directory(posix_spawn_file_actions_t *actions, const char *directory);

/// A pipe whose both ends are close-on-exec (`pipe2(O_CLOEXEC)`), made atomically so that no
/// child spawned by another thread meanwhile inherits an end. 0, or -1 with errno set.
int cspawn_pipe(int ends[2]);

#endif

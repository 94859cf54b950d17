/* al-test-util.h: helpers shared by the test programs */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Path of a file under tests/data/. Free with g_free(). */
char *al_test_data_path (const char *relative);
/* Path of a bundled template under data/templates/. */
char *al_test_template_path (const char *file_name);
/* Runs archlane-cli with @argv (NULL-terminated, without the program name),
 * captures stdout and stderr, returns the exit status. */
int   al_test_run_cli (const char *const *argv, char **out, char **err);
/* A fresh temporary folder, removed with al_test_rmtree(). */
char *al_test_make_tmpdir (void);
void  al_test_rmtree (const char *path);
/* Points XDG_RUNTIME_DIR, for this process and the programs it starts, at
 * a fresh folder removed at exit. Call before anything reads it. */
void  al_test_private_runtime_dir (void);

G_END_DECLS

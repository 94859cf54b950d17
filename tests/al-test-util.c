#include "al-test-util.h"

#include <gio/gio.h>
#include <stdlib.h>

char *
al_test_data_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", relative, NULL);
}

char *
al_test_template_path (const char *file_name)
{
  const char *dir = g_getenv ("ARCHLANE_TEMPLATES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, file_name, NULL);
}

int
al_test_run_cli (const char *const *argv, char **out, char **err)
{
  const char *cli = g_getenv ("ARCHLANE_CLI");
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

char *
al_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("archlane-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rmtree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));
          rmtree (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
al_test_rmtree (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  rmtree (file);
}

static char *private_runtime_dir;

static void
remove_private_runtime_dir (void)
{
  al_test_rmtree (private_runtime_dir);
  g_free (private_runtime_dir);
}

void
al_test_private_runtime_dir (void)
{
  g_assert_null (private_runtime_dir);
  private_runtime_dir = al_test_make_tmpdir ();
  g_setenv ("XDG_RUNTIME_DIR", private_runtime_dir, TRUE);
  atexit (remove_private_runtime_dir);
}

/* test-malformed: hostile and broken documents are refused with a message
 * naming what and where, never crash, never load half; documents with only
 * semantic errors load (validation reports them). */
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "al-document-io.h"
#include "al-extras.h"
#include "al-test-util.h"

/* One line of tests/data/malformed/expected.txt. */
typedef struct
{
  char *file;
  gboolean loads;
  char *path;  /* "" for the top of the document */
  char *text;  /* "" when the line gives none */
} Expectation;

static void
expectation_free (Expectation *e)
{
  g_free (e->file);
  g_free (e->path);
  g_free (e->text);
  g_free (e);
}

/* file name → GPtrArray of Expectation, in the order of expected.txt */
static GHashTable *
read_expectations (GPtrArray *order)
{
  g_autofree char *path = al_test_data_path ("malformed/expected.txt");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;
      Expectation *e;
      GPtrArray *list;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], " ", 4);
      g_assert_cmpuint (g_strv_length (fields), >=, 3);
      g_assert_true (g_str_equal (fields[1], "loads") || g_str_equal (fields[1], "load-error"));
      e = g_new0 (Expectation, 1);
      e->file = g_strdup (fields[0]);
      e->loads = g_str_equal (fields[1], "loads");
      e->path = g_strdup (g_str_equal (fields[2], "-") ? "" : fields[2]);
      e->text = g_strdup (fields[3] ? fields[3] : "");
      list = g_hash_table_lookup (table, e->file);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) expectation_free);
          g_hash_table_insert (table, g_strdup (e->file), list);
          g_ptr_array_add (order, g_strdup (e->file));
        }
      g_ptr_array_add (list, e);
    }
  return table;
}

static GHashTable *expectations;

static char *
describe_problems (GPtrArray *problems)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; problems && i < problems->len; i++)
    {
      AlLoadProblem *p = g_ptr_array_index (problems, i);
      g_string_append_printf (str, "\n  [%s] %s", p->path, p->message);
    }
  return g_string_free (str, FALSE);
}

static void
assert_problem (GPtrArray *problems, const char *path, const char *text)
{
  for (guint i = 0; i < problems->len; i++)
    {
      AlLoadProblem *p = g_ptr_array_index (problems, i);
      if (g_str_equal (p->path, path) && strstr (p->message, text) != NULL)
        return;
    }
  {
    g_autofree char *found = describe_problems (problems);
    g_error ("no problem at “%s” mentioning “%s”; found:%s", path, text, found);
  }
}

static void
test_corpus_file (gconstpointer data)
{
  const char *name = data;
  GPtrArray *list = g_hash_table_lookup (expectations, name);
  Expectation *first = g_ptr_array_index (list, 0);
  g_autofree char *relative = g_build_filename ("malformed", name, NULL);
  g_autofree char *path = al_test_data_path (relative);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = al_document_load_from_path (path, &problems, &error);

  if (first->loads)
    {
      g_autoptr (GBytes) saved = NULL;
      g_autoptr (GBytes) again = NULL;
      g_autoptr (AlDocument) reloaded = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (document);
      g_assert_null (problems);
      /* What loads also saves and loads back unchanged. */
      saved = al_document_save_to_bytes (document);
      reloaded = al_document_load_from_bytes (saved, NULL, &error);
      g_assert_no_error (error);
      again = al_document_save_to_bytes (reloaded);
      g_assert_true (g_bytes_equal (saved, again));
      return;
    }

  g_assert_null (document);
  g_assert_nonnull (error);
  g_assert_true (error->domain == AL_DOCUMENT_ERROR);
  if (g_str_has_prefix (name, "syntax-") || g_str_has_prefix (name, "nesting-"))
    g_assert_cmpint (error->code, ==, AL_DOCUMENT_ERROR_SYNTAX);
  else
    g_assert_cmpint (error->code, ==, AL_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >=, list->len);
  /* The message starts with the file, one problem per line. */
  g_assert_true (g_str_has_prefix (error->message, path));
  for (guint i = 0; i < list->len; i++)
    {
      Expectation *e = g_ptr_array_index (list, i);
      g_autofree char *line = NULL;

      g_assert_false (e->loads);
      assert_problem (problems, e->path, e->text);
      if (e->path[0] != '\0')
        {
          line = g_strdup_printf ("%s: %s: ", path, e->path);
          g_assert_nonnull (strstr (error->message, line));
        }
    }
}

/* Runs "archlane-cli validate @path". Returns FALSE (and skips the test)
 * while the command is still a placeholder. */
static gboolean
run_validate (const char *path, int *status, char **output)
{
  const char *argv[] = { "validate", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  *status = al_test_run_cli (argv, &out, &err);
  if (strstr (err, "not available yet") != NULL)
    {
      g_test_skip ("archlane-cli validate is not implemented yet");
      return FALSE;
    }
  *output = g_strconcat (out, err, NULL);
  return TRUE;
}

static void
test_corpus_cli (gconstpointer data)
{
  const char *name = data;
  GPtrArray *list = g_hash_table_lookup (expectations, name);
  Expectation *first = g_ptr_array_index (list, 0);
  g_autofree char *relative = g_build_filename ("malformed", name, NULL);
  g_autofree char *path = al_test_data_path (relative);
  g_autofree char *output = NULL;
  int status;

  if (!run_validate (path, &status, &output))
    return;
  if (!first->loads)
    g_assert_cmpint (status, ==, 2);
  else if (first->path[0] != '\0')
    g_assert_cmpint (status, ==, 1);
  else
    g_assert_cmpint (status, <=, 1);
  for (guint i = 0; i < list->len; i++)
    {
      Expectation *e = g_ptr_array_index (list, i);
      if (e->path[0] != '\0' && strstr (output, e->path) == NULL)
        g_error ("archlane-cli validate %s does not name “%s”:\n%s", name, e->path, output);
    }
}

static void
test_corpus_complete (void)
{
  g_autofree char *dir = al_test_data_path ("malformed");
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      if (!g_str_has_suffix (name, ".archlane"))
        continue;
      if (!g_hash_table_contains (expectations, name))
        g_error ("%s has no line in expected.txt", name);
      count++;
    }
  g_assert_cmpuint (count, ==, g_hash_table_size (expectations));
  g_assert_cmpuint (count, >=, 40);
}

/* Documents made at run time: too big or too odd to keep in git. */

static const char base_document[] =
  "{\n"
  "  \"format\": \"archlane\",\n"
  "  \"version\": 1,\n"
  "  \"application\": {\n"
  "    \"name\": \"shop\",\n"
  "    \"display_name\": \"@\"\n"
  "  },\n"
  "  \"lanes\": [{\"id\": \"x86\", \"arch\": \"amd64\"}],\n"
  "  \"components\": []\n"
  "}\n";

/* The base document with @text in place of its display name "@". */
static char *
document_with (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (base_document, "@", 2);

  return g_strconcat (parts[0], text, parts[1], NULL);
}

static char *
write_temp (const char *dir, const char *name, const char *data, gssize length)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Loads @path expecting failure with @code and a message naming the file
 * and containing each of the NULL-terminated fragments; then the CLI must
 * exit with 2. */
static void
assert_refused (const char *path, int code, ...)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (AlDocument) document = al_document_load_from_path (path, &problems, &error);
  g_autofree char *output = NULL;
  const char *fragment;
  int status;
  va_list args;

  g_assert_null (document);
  g_assert_error (error, AL_DOCUMENT_ERROR, code);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (error->message, path));
  va_start (args, code);
  while ((fragment = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, fragment) == NULL)
      g_error ("“%s” does not mention “%s”", error->message, fragment);
  va_end (args);

  if (run_validate (path, &status, &output))
    g_assert_cmpint (status, ==, 2);
}

static void
test_generated_huge_string (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autoptr (GString) big = g_string_new (NULL);
  g_autoptr (GString) decoded = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  int status;

  /* As written in the file, and as it must read. */
  while (big->len < 10 * 1024 * 1024)
    {
      g_string_append (big, "一云多芯 \\\"x\\\" \\u00e9 ");
      g_string_append (decoded, "一云多芯 \"x\" é ");
    }
  text = document_with (big->str);
  path = write_temp (dir, "huge-string.archlane", text, -1);
  document = al_document_load_from_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (al_document_get_display_name (document)), ==, decoded->len);
  g_assert_true (strcmp (al_document_get_display_name (document), decoded->str) == 0);
  if (run_validate (path, &status, &output))
    g_assert_cmpint (status, !=, 2);
  al_test_rmtree (dir);
}

static void
test_generated_deep_nesting (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autoptr (GString) arrays = g_string_new (NULL);
  g_autoptr (GString) objects = g_string_new (NULL);
  g_autofree char *arrays_path = NULL;
  g_autofree char *objects_path = NULL;
  g_autofree char *inside_path = NULL;
  g_autofree char *inside = NULL;

  /* 100,000 levels, closed, and (objects) never closed. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (arrays, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (arrays, ']');
  for (guint i = 0; i < 100000; i++)
    g_string_append (objects, "{\"a\":");
  arrays_path = write_temp (dir, "deep-arrays.archlane", arrays->str, -1);
  objects_path = write_temp (dir, "deep-objects.archlane", objects->str, -1);
  assert_refused (arrays_path, AL_DOCUMENT_ERROR_SYNTAX, "more than 64 levels", "line 1, column 65",
                  NULL);
  assert_refused (objects_path, AL_DOCUMENT_ERROR_SYNTAX, "more than 64 levels", NULL);

  /* Deep inside a valid document, the path says where. */
  inside = g_strconcat ("{\"format\": \"archlane\", \"version\": 1, \"x\": ", arrays->str, "}",
                        NULL);
  inside_path = write_temp (dir, "deep-inside.archlane", inside, -1);
  assert_refused (inside_path, AL_DOCUMENT_ERROR_SYNTAX, ": x[0][0][0]", "more than 64 levels",
                  NULL);
  al_test_rmtree (dir);
}

static void
test_generated_invalid_utf8 (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *latin1 = document_with ("Caf\xe9 \xe0 la carte");
  g_autofree char *path = write_temp (dir, "latin1.archlane", latin1, -1);
  g_autofree char *nul_path = NULL;
  g_autofree char *expected = NULL;
  gsize offset = strstr (latin1, "\xe9") - latin1;
  char with_nul[] = "{\"format\": \"archlane\",\n \"version\": 1\0}";

  /* The byte offset and line of the first bad byte (line 6: display_name). */
  expected = g_strdup_printf ("byte offset %" G_GSIZE_FORMAT, offset);
  assert_refused (path, AL_DOCUMENT_ERROR_SYNTAX, expected, "line 6, column 25", "0xE9", "UTF-8",
                  NULL);
  nul_path = write_temp (dir, "nul.archlane", with_nul, sizeof with_nul - 1);
  assert_refused (nul_path, AL_DOCUMENT_ERROR_SYNTAX, "NUL byte", "line 2", NULL);
  al_test_rmtree (dir);
}

static void
test_generated_unusable_files (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *empty = write_temp (dir, "empty.archlane", "", 0);
  g_autofree char *folder = g_build_filename (dir, "folder.archlane", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.archlane", NULL);
  g_autofree char *large = g_build_filename (dir, "large.archlane", NULL);
  FILE *stream;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  assert_refused (empty, AL_DOCUMENT_ERROR_SYNTAX, "empty", NULL);
  assert_refused (folder, AL_DOCUMENT_ERROR_IO, "folder", NULL);
  assert_refused (missing, AL_DOCUMENT_ERROR_IO, "does not exist", NULL);

  /* Refused from its size alone: the file is sparse, nothing is read. */
  stream = g_fopen (large, "w");
  g_assert_nonnull (stream);
  g_assert_cmpint (ftruncate (fileno (stream), 65 * 1024 * 1024), ==, 0);
  fclose (stream);
  assert_refused (large, AL_DOCUMENT_ERROR_SYNTAX, "larger than 64 MiB", NULL);
  al_test_rmtree (dir);
}

/* Loads a document of @n empty components, each missing its id, name and
 * lane; it must be refused. */
static void
load_empty_components (guint n, GPtrArray **problems, GError **error)
{
  g_autoptr (GString) text = g_string_new ("{\"format\": \"archlane\", \"version\": 1, "
                                           "\"application\": {\"name\": \"x\"}, \"components\": [");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AlDocument) document = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{}", i ? ", " : "");
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);
  document = al_document_load_from_bytes (bytes, problems, error);
  g_assert_null (document);
}

static void
test_problems_capped_in_message (void)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  AlLoadProblem *last;

  /* 200 components, each missing its id, name and lane: 600 problems. */
  load_empty_components (200, &problems, &error);
  g_assert_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 600);
  last = g_ptr_array_index (problems, 599);
  g_assert_cmpstr (last->path, ==, "components[199].lane");
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 51);
  g_assert_cmpstr (lines[0], ==, "components[0].id: is required");
  g_assert_cmpstr (lines[50], ==, "… and 550 more problems");
}

/* Parsed JSON costs memory per value whatever its text: a document of
 * millions of tiny values is refused before reading, and a document with
 * thousands of problems stops being read after the first thousand. */
static void
test_generated_too_many_values (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autoptr (GString) text = g_string_new ("{\"format\": \"archlane\", \"version\": 1, \"x\": [");
  g_autofree char *path = NULL;

  /* The top object, "format", "version" and "x" are the first four. */
  for (guint i = 0; i < 4000000; i++)
    g_string_append (text, "{},");
  g_string_append (text, "{}]}");
  path = write_temp (dir, "many-values.archlane", text->str, (gssize) text->len);
  assert_refused (path, AL_DOCUMENT_ERROR_SYNTAX, "more than 4000000 values", ": x[3999996]", NULL);
  al_test_rmtree (dir);
}

/* Far more values than a design of 10,000 components holds (some 750,000)
 * still load. */
static void
test_generated_many_values_load (void)
{
  g_autoptr (GString) text = g_string_new ("{\"format\": \"archlane\", \"version\": 1, "
                                           "\"application\": {\"name\": \"x\"}, "
                                           "\"components\": [{\"id\": \"c1\", \"name\": \"a\", "
                                           "\"lane\": \"l\", \"args\": [");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlComponent) component = NULL;

  for (guint i = 0; i < 1500000; i++)
    g_string_append (text, i ? ",\"\"" : "\"\"");
  g_string_append (text, "]}]}");
  bytes = g_bytes_new (text->str, text->len);
  document = al_document_load_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  component = g_list_model_get_item (al_document_get_components (document), 0);
  g_assert_cmpuint (g_strv_length ((char **) al_component_get_args (component)), ==, 1500000);
}

/* What reading builds is budgeted: unknown keys are kept as json-glib
 * trees, some hundred bytes a value, and a document whose model would take
 * hundreds of megabytes is refused where the budget runs out. */
static void
test_generated_too_large_to_read (void)
{
  g_autoptr (GString) text = g_string_new ("{\"format\": \"archlane\", \"version\": 1, "
                                           "\"application\": {\"name\": \"x\"}, "
                                           "\"components\": [{\"id\": \"c1\", \"name\": \"a\", "
                                           "\"lane\": \"l\", \"x_note\": true}], \"x_kept\": [");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  AlLoadProblem *problem;

  for (guint i = 0; i < 500000; i++)
    g_string_append (text, i ? ",0" : "0");
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);
  document = al_document_load_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      al_extras_get (document, ""), "x_kept")), ==, 500000);
  g_clear_object (&document);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* The component's unknown key is read first: the top's runs over. */
  g_string_truncate (text, text->len - 2);
  for (guint i = 0; i < 800000; i++)
    g_string_append (text, ",0");
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);
  document = al_document_load_from_bytes (bytes, &problems, &error);
  g_assert_null (document);
  g_assert_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_SYNTAX);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "x_kept");
  g_assert_nonnull (strstr (problem->message, "too large"));
}

static void
test_problems_stop_after_a_thousand (void)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  AlLoadProblem *last;

  load_empty_components (5000, &problems, &error);
  g_assert_cmpuint (problems->len, ==, 1001);
  last = g_ptr_array_index (problems, 1000);
  g_assert_cmpstr (last->path, ==, "components[333]");
  g_assert_cmpstr (last->message, ==, "too many problems: reading stopped here");
  g_assert_nonnull (strstr (error->message, "\n… and 951 more problems"));
}

/* Megabyte keys and values are quoted, not copied, in messages. */
static void
test_long_key_shortened (void)
{
  g_autofree char *junk = g_strnfill (1024 * 1024, 'k');
  g_autofree char *text = g_strdup_printf ("{\"format\": \"archlane\", \"version\": 1, "
                                           "\"%s\": 1, \"%s\": 2}",
                                           junk, junk);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = al_document_load_from_bytes (bytes, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "appears twice"));
  g_assert_cmpuint (strlen (error->message), <, 300);
}

static void
test_long_enum_value_shortened (void)
{
  g_autofree char *junk = g_strnfill (1024 * 1024, 'k');
  g_autofree char *text = g_strdup_printf ("{\"format\": \"archlane\", \"version\": 1, "
                                           "\"application\": {\"name\": \"x\", \"exposure\": \"%s\"}}",
                                           junk);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = al_document_load_from_bytes (bytes, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "application.exposure: must be one of"));
  g_assert_cmpuint (strlen (error->message), <, 300);
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  int result;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  expectations = read_expectations (order);

  g_test_add_func ("/malformed/corpus-complete", test_corpus_complete);
  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);
      g_autofree char *load = g_strdup_printf ("/malformed/load/%s", name);
      g_autofree char *cli = g_strdup_printf ("/malformed/cli/%s", name);

      g_test_add_data_func (load, name, test_corpus_file);
      g_test_add_data_func (cli, name, test_corpus_cli);
    }
  g_test_add_func ("/malformed/generated/huge-string", test_generated_huge_string);
  g_test_add_func ("/malformed/generated/deep-nesting", test_generated_deep_nesting);
  g_test_add_func ("/malformed/generated/invalid-utf8", test_generated_invalid_utf8);
  g_test_add_func ("/malformed/generated/unusable-files", test_generated_unusable_files);
  g_test_add_func ("/malformed/generated/too-many-values", test_generated_too_many_values);
  g_test_add_func ("/malformed/generated/many-values-load", test_generated_many_values_load);
  g_test_add_func ("/malformed/generated/too-large-to-read", test_generated_too_large_to_read);
  g_test_add_func ("/malformed/problems-capped-in-message", test_problems_capped_in_message);
  g_test_add_func ("/malformed/problems-stop-after-a-thousand", test_problems_stop_after_a_thousand);
  g_test_add_func ("/malformed/long-key-shortened", test_long_key_shortened);
  g_test_add_func ("/malformed/long-enum-value-shortened", test_long_enum_value_shortened);

  result = g_test_run ();
  g_hash_table_unref (expectations);
  return result;
}

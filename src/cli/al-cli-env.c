/* archlane-cli env FILE COMPONENT: the resolved environment of one component */
#include <glib/gi18n.h>
#include <string.h>

#include "al-cli.h"
#include "al-document-io.h"
#include "al-injection.h"

/* At most this many component names are listed when COMPONENT is unknown. */
#define MAX_LISTED_NAMES 20

/* Columns on a terminal: CJK characters take two, combining marks none. */
static gsize
display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* One line per variable: control characters are shown escaped. */
static char *
printable (const char *text)
{
  GString *out;

  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

static char *
format_value (const AlResolvedVar *var)
{
  if (var->kind == AL_VAR_VALUE)
    return var->value[0] ? printable (var->value) : g_strdup ("\"\"");
  /* Never the value of a secret: only where the container reads it. */
  return g_strdup_printf ("secret %s/%s", var->secret_name, var->secret_key);
}

static void
print_padded (GString *line, const char *text, gsize width)
{
  g_string_append (line, text);
  for (gsize w = display_width (text); w < width; w++)
    g_string_append_c (line, ' ');
  g_string_append (line, "  ");
}

static void
print_environment (AlResolvedEnv *env)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  gsize name_width = 0, value_width = 0;

  for (guint i = 0; i < env->vars->len; i++)
    {
      AlResolvedVar *var = g_ptr_array_index (env->vars, i);
      char *value = format_value (var);

      g_ptr_array_add (values, value);
      g_ptr_array_add (sources, al_resolved_var_describe_source (var));
      name_width = MAX (name_width, display_width (var->name));
      value_width = MAX (value_width, display_width (value));
    }

  for (guint i = 0; i < env->vars->len; i++)
    {
      AlResolvedVar *var = g_ptr_array_index (env->vars, i);
      g_autoptr (GString) line = g_string_new (NULL);

      print_padded (line, var->name, name_width);
      print_padded (line, g_ptr_array_index (values, i), value_width);
      g_string_append (line, g_ptr_array_index (sources, i));
      g_print ("%s\n", line->str);
    }
}

static guint
edit_distance (const char *a, const char *b)
{
  gsize n = strlen (b);
  g_autofree guint *row = g_new (guint, n + 1);

  for (gsize j = 0; j <= n; j++)
    row[j] = (guint) j;
  for (gsize i = 1; a[i - 1]; i++)
    {
      guint diagonal = row[0];

      row[0] = (guint) i;
      for (gsize j = 1; j <= n; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[n];
}

/* Says which components exist: the closest name when one is near, else the
 * list of names. */
static void
report_unknown_component (AlDocument *document, const char *file, const char *wanted)
{
  GListModel *components = al_document_get_components (document);
  guint n = g_list_model_get_n_items (components);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *closest = NULL;
  guint best = G_MAXUINT;

  if (n == 0)
    {
      al_cli_error (_("“%s” has no components"), file);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      const char *name = al_component_get_name (component);
      guint distance = edit_distance (wanted, name);

      if (distance < best)
        {
          best = distance;
          g_free (closest);
          closest = g_strdup (name);
        }
      if (i < MAX_LISTED_NAMES)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name);
    }
  if (n > MAX_LISTED_NAMES)
    g_string_append (names, ", …");

  /* Near enough to be a typo: a third of the name, at least two edits. */
  if (best <= MAX (2, strlen (wanted) / 3))
    al_cli_error (_("“%s” has no component named “%s”; did you mean “%s”?"), file, wanted,
                  closest);
  else
    al_cli_error (_("“%s” has no component named “%s”; its components are: %s"), file, wanted,
                  names->str);
}

int
al_cli_env (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (AlResolvedEnv) env = NULL;
  AlComponent *component;
  const char *file, *wanted;

  /* So that --help shows "archlane-cli env [OPTION…] FILE COMPONENT". */
  g_set_prgname ("archlane-cli env");
  context = g_option_context_new (_("FILE COMPONENT"));
  g_option_context_set_summary (context,
                                _("Shows the environment one component’s container receives, one "
                                  "variable per line: its name, its value (for a secret, only "
                                  "the Secret and key it is read from) and where it comes from. "
                                  "COMPONENT is a component name or id. Problems of the "
                                  "environment follow on stderr.\n\n"
                                  "Exits with 0, 1 when variables conflict and 2 when the file "
                                  "cannot be read or has no such component."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (argc != 3)
    {
      al_cli_error ("%s", argc < 3 ? _("env needs a FILE and a COMPONENT (see “archlane-cli env "
                                       "--help”)")
                                   : _("env shows one COMPONENT of one FILE at a time"));
      return AL_CLI_EXIT_UNREADABLE;
    }
  file = argv[1];
  wanted = argv[2];

  document = al_cli_load_document (file);
  if (document == NULL)
    return AL_CLI_EXIT_UNREADABLE;

  component = al_document_lookup_component_by_name (document, wanted);
  if (component == NULL)
    component = al_document_lookup_component (document, wanted);
  if (component == NULL)
    {
      report_unknown_component (document, file, wanted);
      return AL_CLI_EXIT_UNREADABLE;
    }

  graph = al_graph_new (document);
  env = al_injection_resolve_for_component (graph, component);
  print_environment (env);
  if (env->vars->len == 0)
    al_cli_error (_("%s has no environment variables"), al_component_get_name (component));

  al_diagnostic_list_sort (env->diagnostics);
  al_cli_print_diagnostics (env->diagnostics, stderr);

  return al_diagnostic_list_has (env->diagnostics, "env-conflict", NULL) ? AL_CLI_EXIT_ERRORS
                                                                          : AL_CLI_EXIT_OK;
}

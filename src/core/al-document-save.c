/* Saving .archlane documents: the canonical text and the atomic write. */
#include "al-document-io.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "al-extras.h"
#include "al-json-writer.h"

/* The text is written straight from the model into one buffer: building a
 * JsonNode tree first took ten times the text's size in memory. */

/* The keys written so far in one object: a kept unknown member never
 * overrides a known one. */
typedef struct
{
  const char *names[20];
  guint       n;
} Known;

static void
key (AlJsonStream *json, Known *known, const char *name)
{
  g_assert (known->n < G_N_ELEMENTS (known->names));
  known->names[known->n++] = name;
  al_json_stream_key (json, name);
}

static void
member_string (AlJsonStream *json, Known *known, const char *name, const char *value)
{
  key (json, known, name);
  al_json_stream_string (json, value);
}

static void
member_int (AlJsonStream *json, Known *known, const char *name, gint64 value)
{
  key (json, known, name);
  al_json_stream_int (json, value);
}

static void
member_boolean (AlJsonStream *json, Known *known, const char *name, gboolean value)
{
  key (json, known, name);
  al_json_stream_boolean (json, value);
}

static void
member_strv (AlJsonStream *json, Known *known, const char *name, const char *const *strv)
{
  key (json, known, name);
  al_json_stream_begin_array (json);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      al_json_stream_element (json);
      al_json_stream_string (json, strv[i]);
    }
  al_json_stream_end_array (json);
}

static gboolean
is_known (const Known *known, const char *name)
{
  for (guint i = 0; i < known->n; i++)
    if (strcmp (known->names[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* Appends the unknown members kept for @section of @owner after the known
 * ones, and closes the object. */
static void
end_object (AlJsonStream *json, const Known *known, gpointer owner, const char *section)
{
  JsonObject *extras = al_extras_get (owner, section);

  if (extras != NULL)
    {
      GList *members = json_object_get_members (extras);

      for (GList *l = members; l != NULL; l = l->next)
        if (!is_known (known, l->data))
          {
            al_json_stream_key (json, l->data);
            al_json_stream_node (json, json_object_get_member (extras, l->data));
          }
      g_list_free (members);
    }
  al_json_stream_end_object (json);
}

/* Positions are single-precision floats in the model: write the shortest
 * decimal that reads back to the same float, so that a saved position loads
 * and saves again unchanged ("0.1", not "0.10000000149011612"). */
static void
member_coordinate (AlJsonStream *json, Known *known, const char *name, float value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  key (json, known, name);
  if (!isfinite (value))
    value = 0;
  if (value == floorf (value) && fabsf (value) < 9e18f)
    {
      al_json_stream_int (json, (gint64) value);
      return;
    }
  for (int precision = 1; precision <= 9; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if ((float) g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  al_json_stream_double (json, g_ascii_strtod (buffer, NULL));
}

typedef void (*WriteItem) (AlJsonStream *json, gpointer item);

static void
member_list (AlJsonStream *json, Known *known, const char *name, GListModel *model,
             WriteItem write_item)
{
  guint n = g_list_model_get_n_items (model);

  key (json, known, name);
  al_json_stream_begin_array (json);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);

      al_json_stream_element (json);
      write_item (json, item);
    }
  al_json_stream_end_array (json);
}

static void
write_application (AlJsonStream *json, AlDocument *document)
{
  Known known = { .n = 0 };

  al_json_stream_begin_object (json);
  member_string (json, &known, "name", al_document_get_name (document));
  member_string (json, &known, "display_name", al_document_get_display_name (document));
  member_string (json, &known, "namespace", al_document_get_namespace (document));
  member_string (json, &known, "exposure",
                 al_exposure_to_string (al_document_get_exposure (document)));
  member_string (json, &known, "wait_image", al_document_get_wait_image (document));
  end_object (json, &known, document, "application");
}

static void
write_lane (AlJsonStream *json, gpointer item)
{
  AlLane *lane = item;
  Known known = { .n = 0 };

  al_json_stream_begin_object (json);
  member_string (json, &known, "id", al_lane_get_id (lane));
  member_string (json, &known, "arch", al_lane_get_arch (lane));
  member_string (json, &known, "label", al_lane_get_label (lane));
  member_boolean (json, &known, "tolerate_taint", al_lane_get_tolerate_taint (lane));
  end_object (json, &known, lane, "");
}

static void
write_port (AlJsonStream *json, gpointer item)
{
  AlPort *port = item;
  Known known = { .n = 0 };

  al_json_stream_begin_object (json);
  member_int (json, &known, "port", al_port_get_port (port));
  member_string (json, &known, "protocol", al_protocol_to_string (al_port_get_protocol (port)));
  if (al_port_get_alias (port) != NULL)
    member_string (json, &known, "alias", al_port_get_alias (port));
  member_boolean (json, &known, "inner", al_port_get_inner (port));
  member_boolean (json, &known, "outer", al_port_get_outer (port));
  end_object (json, &known, port, "");
}

static void
write_env_var (AlJsonStream *json, gpointer item)
{
  AlEnvVar *var = item;
  Known known = { .n = 0 };

  al_json_stream_begin_object (json);
  member_string (json, &known, "name", al_env_var_get_name (var));
  if (al_env_var_is_secret_ref (var))
    {
      const char *ref_key = al_env_var_get_secret_ref_key (var);
      Known ref_known = { .n = 0 };

      key (json, &known, "secret_ref");
      al_json_stream_begin_object (json);
      member_string (json, &ref_known, "name", al_env_var_get_secret_ref_name (var));
      member_string (json, &ref_known, "key", ref_key ? ref_key : "");
      end_object (json, &ref_known, var, "secret_ref");
    }
  else
    {
      const char *value = al_env_var_get_value (var);

      member_string (json, &known, "value", value ? value : "");
      if (al_env_var_get_secret (var))
        member_boolean (json, &known, "secret", TRUE);
    }
  end_object (json, &known, var, "");
}

static void
write_volume (AlJsonStream *json, gpointer item)
{
  AlVolume *volume = item;
  Known known = { .n = 0 };

  al_json_stream_begin_object (json);
  member_string (json, &known, "name", al_volume_get_name (volume));
  member_string (json, &known, "path", al_volume_get_path (volume));
  member_int (json, &known, "size_mib", al_volume_get_size_mib (volume));
  end_object (json, &known, volume, "");
}

static void
write_probe (AlJsonStream *json, AlComponent *component)
{
  AlProbe *probe = al_component_get_probe (component);
  AlProbeType type = al_probe_get_probe_type (probe);
  Known known = { .n = 0 };

  al_json_stream_begin_object (json);
  member_string (json, &known, "type", al_probe_type_to_string (type));
  if (type == AL_PROBE_TCP || type == AL_PROBE_HTTP)
    member_int (json, &known, "port", al_probe_get_port (probe));
  if (type == AL_PROBE_HTTP)
    member_string (json, &known, "path",
                   al_probe_get_path (probe) ? al_probe_get_path (probe) : "/");
  if (type == AL_PROBE_EXEC)
    member_strv (json, &known, "command", al_probe_get_command (probe));
  end_object (json, &known, component, "probe");
}

static void
write_component (AlJsonStream *json, gpointer item)
{
  AlComponent *component = item;
  const graphene_point_t *point = al_component_get_position (component);
  Known known = { .n = 0 };
  Known position_known = { .n = 0 };

  al_json_stream_begin_object (json);
  member_string (json, &known, "id", al_component_get_id (component));
  member_string (json, &known, "name", al_component_get_name (component));
  member_string (json, &known, "display_name", al_component_get_display_name (component));
  member_string (json, &known, "lane", al_component_get_lane (component));
  member_string (json, &known, "image", al_component_get_image (component));
  member_string (json, &known, "kind", al_kind_to_string (al_component_get_kind (component)));
  member_int (json, &known, "replicas", al_component_get_replicas (component));
  member_int (json, &known, "cpu_millis", al_component_get_cpu_millis (component));
  member_int (json, &known, "memory_mib", al_component_get_memory_mib (component));
  member_strv (json, &known, "command", al_component_get_command (component));
  member_strv (json, &known, "args", al_component_get_args (component));
  member_list (json, &known, "ports", al_component_get_ports (component), write_port);
  member_list (json, &known, "env", al_component_get_env (component), write_env_var);
  member_list (json, &known, "connection", al_component_get_connection (component),
               write_env_var);
  member_list (json, &known, "volumes", al_component_get_volumes (component), write_volume);
  if (al_probe_get_probe_type (al_component_get_probe (component)) != AL_PROBE_NONE)
    {
      key (json, &known, "probe");
      write_probe (json, component);
    }
  key (json, &known, "position");
  al_json_stream_begin_object (json);
  member_coordinate (json, &position_known, "x", point->x);
  member_coordinate (json, &position_known, "y", point->y);
  end_object (json, &position_known, component, "position");
  end_object (json, &known, component, "");
}

static void
write_dependency (AlJsonStream *json, gpointer item)
{
  AlDependency *dependency = item;
  GArray *numbers = al_dependency_get_ports (dependency);
  Known known = { .n = 0 };

  al_json_stream_begin_object (json);
  member_string (json, &known, "id", al_dependency_get_id (dependency));
  member_string (json, &known, "from", al_dependency_get_from (dependency));
  member_string (json, &known, "to", al_dependency_get_to (dependency));
  key (json, &known, "ports");
  al_json_stream_begin_array (json);
  for (guint i = 0; i < numbers->len; i++)
    {
      al_json_stream_element (json);
      al_json_stream_int (json, g_array_index (numbers, int, i));
    }
  al_json_stream_end_array (json);
  member_boolean (json, &known, "wait", al_dependency_get_wait (dependency));
  member_int (json, &known, "wait_timeout_s", al_dependency_get_wait_timeout_s (dependency));
  member_int (json, &known, "traffic", al_dependency_get_traffic (dependency));
  end_object (json, &known, dependency, "");
}

/* Room for the text of a typical document, from the counts alone, so that
 * the buffer rarely grows: a component takes about 1–2 kB, a dependency
 * about 200 bytes. Reserved pages that are never written cost address space,
 * not memory. */
static gsize
estimate_size (AlDocument *document)
{
  gsize n_lanes = g_list_model_get_n_items (al_document_get_lanes (document));
  gsize n_components = g_list_model_get_n_items (al_document_get_components (document));
  gsize n_dependencies = g_list_model_get_n_items (al_document_get_dependencies (document));

  return 4096 + 256 * n_lanes + 2048 * n_components + 256 * n_dependencies;
}

static GString *
document_to_text (AlDocument *document)
{
  GString *out = g_string_sized_new (estimate_size (document));
  AlJsonStream json;
  Known known = { .n = 0 };

  al_json_stream_init (&json, out);
  al_json_stream_begin_object (&json);
  member_string (&json, &known, "format", "archlane");
  member_int (&json, &known, "version", 1);
  key (&json, &known, "application");
  write_application (&json, document);
  member_list (&json, &known, "lanes", al_document_get_lanes (document), write_lane);
  member_list (&json, &known, "components", al_document_get_components (document),
               write_component);
  member_list (&json, &known, "dependencies", al_document_get_dependencies (document),
               write_dependency);
  end_object (&json, &known, document, "");
  g_string_append_c (out, '\n');
  return out;
}

GBytes *
al_document_save_to_bytes (AlDocument *document)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  return g_string_free_to_bytes (document_to_text (document));
}

static gboolean
fail (GError **error, const char *file_name, const char *reason)
{
  g_set_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_IO, _("Could not save “%s”: %s"),
               file_name, reason);
  return FALSE;
}

static gboolean
write_all (int fd, const char *data, gsize length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Makes "<target>~" the previous version: a hard link when the file system
 * has them (instant, and the target never moves), a copy otherwise. */
static gboolean
keep_backup (const char *target, const char *file_name, GError **error)
{
  g_autofree char *backup = g_strconcat (target, "~", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *reason = NULL;
  gsize length;

  if (g_unlink (backup) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      reason = g_strdup_printf (_("cannot replace the previous version “%s”: %s"), backup,
                                g_strerror (saved_errno));
      return fail (error, file_name, reason);
    }
  if (link (target, backup) == 0)
    return TRUE;
  if (g_file_get_contents (target, &contents, &length, &local_error)
      && g_file_set_contents (backup, contents, (gssize) length, &local_error))
    return TRUE;
  reason = g_strdup_printf (_("cannot keep the previous version as “%s”: %s"), backup,
                            local_error->message);
  return fail (error, file_name, reason);
}

static void
sync_directory (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* Best effort: makes the rename itself durable. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* The document exists under its name at every moment: the new text goes to
 * a temporary file beside it, is synced, the old file is linked as the
 * backup, and the temporary file is renamed over the old one, which is
 * atomic. Any failure leaves the old file as it was. */
static gboolean
write_atomically (const char *path, const char *data, gsize length, GError **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *temp_path = NULL;
  struct stat st;
  gboolean exists;
  int fd, saved_errno;

  /* Through a symbolic link, replace the file it points to, not the link. */
  target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);
  exists = g_stat (target, &st) == 0;
  if (!exists && errno != ENOENT)
    return fail (error, path, g_strerror (errno));
  if (exists && !S_ISREG (st.st_mode))
    return fail (error, path, _("it is not a regular file"));

  dir = g_path_get_dirname (target);
  {
    g_autofree char *base = g_path_get_basename (target);
    temp_name = g_strdup_printf (".%s.XXXXXX", base);
  }
  temp_path = g_build_filename (dir, temp_name, NULL);
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      g_autofree char *reason = NULL;

      saved_errno = errno;
      reason = g_strdup_printf (_("cannot create a file in the folder “%s”: %s"), dir,
                                g_strerror (saved_errno));
      return fail (error, path, reason);
    }
  if (exists)
    {
      /* Keep the owner and permissions of the document (best effort). */
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("cannot keep the owner of %s", target);
      if (fchmod (fd, st.st_mode & 07777) != 0)
        g_debug ("cannot keep the permissions of %s", target);
    }
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp_path);
      return fail (error, path, g_strerror (saved_errno));
    }
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (temp_path);
      return fail (error, path, g_strerror (saved_errno));
    }
  if (exists && !keep_backup (target, path, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }
  if (g_rename (temp_path, target) != 0)
    {
      saved_errno = errno;
      g_unlink (temp_path);
      return fail (error, path, g_strerror (saved_errno));
    }
  sync_directory (dir);
  return TRUE;
}

gboolean
al_document_save_to_path (AlDocument *document, const char *path, GError **error)
{
  GString *text;
  gboolean saved;

  g_return_val_if_fail (AL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The buffer itself is written: no copy of the text. */
  text = document_to_text (document);
  saved = write_atomically (path, text->str, text->len, error);
  g_string_free (text, TRUE);
  return saved;
}

gboolean
al_document_save_to_file (AlDocument *document, GFile *file, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      return fail (error, name, _("only local files can be saved"));
    }
  return al_document_save_to_path (document, path, error);
}

/* Saving .archlane documents: the canonical text and the atomic write. */
#include "al-document-io.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "al-extras.h"
#include "al-json-writer.h"

/* Appends the unknown members kept for @section of @owner after the known
 * ones. A kept member never overrides a known one. */
static void
append_extras (JsonObject *object, gpointer owner, const char *section)
{
  JsonObject *extras = al_extras_get (owner, section);
  GList *members;

  if (extras == NULL)
    return;
  members = json_object_get_members (extras);
  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (object, l->data))
      json_object_set_member (object, l->data,
                              json_node_copy (json_object_get_member (extras, l->data)));
  g_list_free (members);
}

static void
set_strv (JsonObject *object, const char *key, const char *const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_object_set_array_member (object, key, array);
}

/* Positions are single-precision floats in the model: write the shortest
 * decimal that reads back to the same float, so that a saved position loads
 * and saves again unchanged ("0.1", not "0.10000000149011612"). */
static void
set_coordinate (JsonObject *object, const char *key, float value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0;
  if (value == floorf (value) && fabsf (value) < 9e18f)
    {
      json_object_set_int_member (object, key, (gint64) value);
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
  json_object_set_double_member (object, key, g_ascii_strtod (buffer, NULL));
}

static JsonObject *
application_to_json (AlDocument *document)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", al_document_get_name (document));
  json_object_set_string_member (object, "display_name", al_document_get_display_name (document));
  json_object_set_string_member (object, "namespace", al_document_get_namespace (document));
  json_object_set_string_member (object, "exposure",
                                 al_exposure_to_string (al_document_get_exposure (document)));
  json_object_set_string_member (object, "wait_image", al_document_get_wait_image (document));
  append_extras (object, document, "application");
  return object;
}

static JsonObject *
lane_to_json (gpointer item)
{
  AlLane *lane = item;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", al_lane_get_id (lane));
  json_object_set_string_member (object, "arch", al_lane_get_arch (lane));
  json_object_set_string_member (object, "label", al_lane_get_label (lane));
  json_object_set_boolean_member (object, "tolerate_taint", al_lane_get_tolerate_taint (lane));
  append_extras (object, lane, "");
  return object;
}

static JsonObject *
port_to_json (gpointer item)
{
  AlPort *port = item;
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "port", al_port_get_port (port));
  json_object_set_string_member (object, "protocol",
                                 al_protocol_to_string (al_port_get_protocol (port)));
  if (al_port_get_alias (port) != NULL)
    json_object_set_string_member (object, "alias", al_port_get_alias (port));
  json_object_set_boolean_member (object, "inner", al_port_get_inner (port));
  json_object_set_boolean_member (object, "outer", al_port_get_outer (port));
  append_extras (object, port, "");
  return object;
}

static JsonObject *
env_var_to_json (gpointer item)
{
  AlEnvVar *var = item;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", al_env_var_get_name (var));
  if (al_env_var_is_secret_ref (var))
    {
      JsonObject *ref = json_object_new ();
      const char *key = al_env_var_get_secret_ref_key (var);

      json_object_set_string_member (ref, "name", al_env_var_get_secret_ref_name (var));
      json_object_set_string_member (ref, "key", key ? key : "");
      append_extras (ref, var, "secret_ref");
      json_object_set_object_member (object, "secret_ref", ref);
    }
  else
    {
      const char *value = al_env_var_get_value (var);

      json_object_set_string_member (object, "value", value ? value : "");
      if (al_env_var_get_secret (var))
        json_object_set_boolean_member (object, "secret", TRUE);
    }
  append_extras (object, var, "");
  return object;
}

static JsonObject *
volume_to_json (gpointer item)
{
  AlVolume *volume = item;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", al_volume_get_name (volume));
  json_object_set_string_member (object, "path", al_volume_get_path (volume));
  json_object_set_int_member (object, "size_mib", al_volume_get_size_mib (volume));
  append_extras (object, volume, "");
  return object;
}

static JsonObject *
probe_to_json (AlComponent *component)
{
  AlProbe *probe = al_component_get_probe (component);
  AlProbeType type = al_probe_get_probe_type (probe);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", al_probe_type_to_string (type));
  if (type == AL_PROBE_TCP || type == AL_PROBE_HTTP)
    json_object_set_int_member (object, "port", al_probe_get_port (probe));
  if (type == AL_PROBE_HTTP)
    json_object_set_string_member (object, "path",
                                   al_probe_get_path (probe) ? al_probe_get_path (probe) : "/");
  if (type == AL_PROBE_EXEC)
    set_strv (object, "command", al_probe_get_command (probe));
  append_extras (object, component, "probe");
  return object;
}

typedef JsonObject *(*ItemToJson) (gpointer item);

static void
set_list (JsonObject *object, const char *key, GListModel *model, ItemToJson item_to_json)
{
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      json_array_add_object_element (array, item_to_json (item));
    }
  json_object_set_array_member (object, key, array);
}

static JsonObject *
component_to_json (gpointer item)
{
  AlComponent *component = item;
  JsonObject *object = json_object_new ();
  JsonObject *position = json_object_new ();
  const graphene_point_t *point = al_component_get_position (component);

  json_object_set_string_member (object, "id", al_component_get_id (component));
  json_object_set_string_member (object, "name", al_component_get_name (component));
  json_object_set_string_member (object, "display_name", al_component_get_display_name (component));
  json_object_set_string_member (object, "lane", al_component_get_lane (component));
  json_object_set_string_member (object, "image", al_component_get_image (component));
  json_object_set_string_member (object, "kind",
                                 al_kind_to_string (al_component_get_kind (component)));
  json_object_set_int_member (object, "replicas", al_component_get_replicas (component));
  json_object_set_int_member (object, "cpu_millis", al_component_get_cpu_millis (component));
  json_object_set_int_member (object, "memory_mib", al_component_get_memory_mib (component));
  set_strv (object, "command", al_component_get_command (component));
  set_strv (object, "args", al_component_get_args (component));
  set_list (object, "ports", al_component_get_ports (component), port_to_json);
  set_list (object, "env", al_component_get_env (component), env_var_to_json);
  set_list (object, "connection", al_component_get_connection (component),
            env_var_to_json);
  set_list (object, "volumes", al_component_get_volumes (component), volume_to_json);
  if (al_probe_get_probe_type (al_component_get_probe (component)) != AL_PROBE_NONE)
    json_object_set_object_member (object, "probe", probe_to_json (component));
  set_coordinate (position, "x", point->x);
  set_coordinate (position, "y", point->y);
  append_extras (position, component, "position");
  json_object_set_object_member (object, "position", position);
  append_extras (object, component, "");
  return object;
}

static JsonObject *
dependency_to_json (gpointer item)
{
  AlDependency *dependency = item;
  JsonObject *object = json_object_new ();
  JsonArray *ports = json_array_new ();
  GArray *numbers = al_dependency_get_ports (dependency);

  json_object_set_string_member (object, "id", al_dependency_get_id (dependency));
  json_object_set_string_member (object, "from", al_dependency_get_from (dependency));
  json_object_set_string_member (object, "to", al_dependency_get_to (dependency));
  for (guint i = 0; i < numbers->len; i++)
    json_array_add_int_element (ports, g_array_index (numbers, int, i));
  json_object_set_array_member (object, "ports", ports);
  json_object_set_boolean_member (object, "wait", al_dependency_get_wait (dependency));
  json_object_set_int_member (object, "wait_timeout_s",
                              al_dependency_get_wait_timeout_s (dependency));
  json_object_set_int_member (object, "traffic", al_dependency_get_traffic (dependency));
  append_extras (object, dependency, "");
  return object;
}

GBytes *
al_document_save_to_bytes (AlDocument *document)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;

  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "format", "archlane");
  json_object_set_int_member (object, "version", 1);
  json_object_set_object_member (object, "application", application_to_json (document));
  set_list (object, "lanes", al_document_get_lanes (document), lane_to_json);
  set_list (object, "components", al_document_get_components (document),
            component_to_json);
  set_list (object, "dependencies", al_document_get_dependencies (document),
            dependency_to_json);
  append_extras (object, document, "");

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return al_json_writer_to_bytes (root);
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
  g_autoptr (GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (AL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = al_document_save_to_bytes (document);
  data = g_bytes_get_data (bytes, &length);
  return write_atomically (path, data, length, error);
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

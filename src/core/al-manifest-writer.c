/* Compiled manifests written as a folder that `kubectl apply -k` takes. */
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "al-k8s-compiler.h"
#include "al-json-writer.h"
#include "al-yaml-writer.h"

static const char *
extension (AlManifestFormat format)
{
  return format == AL_MANIFEST_JSON ? "json" : "yaml";
}

/* "<component>.<ext>". Component names are DNS labels, so they hold no dot:
 * a component called "namespace" or "kustomization" gets
 * "<name>.component.<ext>", which no other component's file can be. */
static char *
component_file_name (const char *name, AlManifestFormat format)
{
  if (g_str_equal (name, "namespace") || g_str_equal (name, "kustomization"))
    return g_strdup_printf ("%s.component.%s", name, extension (format));
  return g_strdup_printf ("%s.%s", name, extension (format));
}

static gboolean
write_file (const char *dir, const char *file_name, GBytes *contents, GError **error)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr (GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  /* Written to a temporary file and renamed over the old one, so a reader
   * never sees half a file. */
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local_error))
    {
      g_set_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO,
                   _("Cannot write “%s” in the folder “%s”: %s"), file_name, dir,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
serialize_objects (GPtrArray *objects, AlManifestFormat format, const char *file_name,
                   const char *dir, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GBytes *bytes;

  if (format == AL_MANIFEST_JSON)
    {
      /* Several objects in one JSON file: a v1 List, which kubectl and
       * kustomize unpack. */
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *list = json_object_new ();
      JsonArray *items = json_array_new ();

      json_object_set_string_member (list, "apiVersion", "v1");
      json_object_set_string_member (list, "kind", "List");
      for (guint i = 0; i < objects->len; i++)
        json_array_add_element (items, json_node_copy (g_ptr_array_index (objects, i)));
      json_object_set_array_member (list, "items", items);
      json_node_take_object (root, list);
      return al_json_writer_to_bytes (root);
    }

  bytes = al_yaml_write_documents ((JsonNode *const *) objects->pdata, objects->len, &local_error);
  if (bytes == NULL)
    g_set_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO,
                 _("Cannot write “%s” in the folder “%s”: %s"), file_name, dir,
                 local_error->message);
  return bytes;
}

static GBytes *
kustomization_new (GPtrArray *resources, GError **error)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *list = json_array_new ();

  json_object_set_string_member (object, "apiVersion", "kustomize.config.k8s.io/v1beta1");
  json_object_set_string_member (object, "kind", "Kustomization");
  for (guint i = 0; i < resources->len; i++)
    json_array_add_string_element (list, g_ptr_array_index (resources, i));
  json_object_set_array_member (object, "resources", list);
  json_node_take_object (root, object);
  return al_yaml_write_node (root, error);
}

gboolean
al_manifests_write_to_directory (AlManifests *manifests, const char *dir, AlManifestFormat format,
                                 GError **error)
{
  g_autoptr (GPtrArray) resources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes) kustomization = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (manifests != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (manifests->namespace_object != NULL)
    {
      g_autofree char *file_name = g_strdup_printf ("namespace.%s", extension (format));
      g_autoptr (GBytes) bytes = NULL;
      JsonNode *object = manifests->namespace_object;

      if (format == AL_MANIFEST_JSON)
        bytes = al_json_writer_to_bytes (object);
      else if ((bytes = al_yaml_write_node (object, &local_error)) == NULL)
        {
          g_set_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO,
                       _("Cannot write “%s” in the folder “%s”: %s"), file_name, dir,
                       local_error->message);
          return FALSE;
        }
      if (!write_file (dir, file_name, bytes, error))
        return FALSE;
      g_ptr_array_add (resources, g_steal_pointer (&file_name));
    }

  for (guint i = 0; i < manifests->components->len; i++)
    {
      AlComponentManifest *manifest = g_ptr_array_index (manifests->components, i);
      g_autofree char *file_name = component_file_name (manifest->component_name, format);
      g_autoptr (GBytes) bytes = serialize_objects (manifest->objects, format, file_name, dir, error);

      if (bytes == NULL || !write_file (dir, file_name, bytes, error))
        return FALSE;
      g_ptr_array_add (resources, g_steal_pointer (&file_name));
    }

  /* Last, so the folder lists its resources only once they are all there. */
  kustomization = kustomization_new (resources, &local_error);
  if (kustomization == NULL)
    {
      g_set_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO,
                   _("Cannot write “%s” in the folder “%s”: %s"), "kustomization.yaml", dir,
                   local_error->message);
      return FALSE;
    }
  return write_file (dir, "kustomization.yaml", kustomization, error);
}

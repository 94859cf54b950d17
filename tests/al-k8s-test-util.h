/* al-k8s-test-util.h: reading compiled Kubernetes objects in tests */
#pragma once

#include <string.h>

#include "al-diagnostic.h"
#include "al-document-io.h"
#include "al-k8s-compiler.h"
#include "al-test-util.h"
#include "al-yaml-writer.h"

/* The node at @path under @node, or %NULL. @path is a dot-separated list of
 * member names and "[i]" indexes; a member name holding dots is written in
 * braces: "metadata.labels.{app.kubernetes.io/name}",
 * "spec.template.spec.containers[0].env[2].name". */
static inline JsonNode *
al_k8s_test_at (JsonNode *node, const char *path)
{
  const char *p = path;

  while (node != NULL && *p != '\0')
    {
      if (*p == '.')
        p++;
      if (*p == '[')
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (p + 1, &end, 10);

          if (!JSON_NODE_HOLDS_ARRAY (node) || end == NULL || *end != ']'
              || index >= json_array_get_length (json_node_get_array (node)))
            return NULL;
          node = json_array_get_element (json_node_get_array (node), (guint) index);
          p = end + 1;
        }
      else
        {
          gboolean braced = *p == '{';
          const char *start = braced ? p + 1 : p;
          const char *end = braced ? strchr (start, '}') : start + strcspn (start, ".[");
          g_autofree char *member = NULL;

          g_assert_nonnull (end);
          member = g_strndup (start, end - start);
          if (!JSON_NODE_HOLDS_OBJECT (node)
              || !json_object_has_member (json_node_get_object (node), member))
            return NULL;
          node = json_object_get_member (json_node_get_object (node), member);
          p = braced ? end + 1 : end;
        }
    }
  return node;
}

static inline const char *
al_k8s_test_string (JsonNode *node, const char *path)
{
  JsonNode *found = al_k8s_test_at (node, path);

  if (found == NULL || !JSON_NODE_HOLDS_VALUE (found)
      || json_node_get_value_type (found) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (found);
}

/* The integer at @path; fails the test when there is none. */
static inline gint64
al_k8s_test_int (JsonNode *node, const char *path)
{
  JsonNode *found = al_k8s_test_at (node, path);

  g_assert_nonnull (found);
  g_assert_true (JSON_NODE_HOLDS_VALUE (found));
  g_assert_true (json_node_get_value_type (found) == G_TYPE_INT64);
  return json_node_get_int (found);
}

static inline guint
al_k8s_test_length (JsonNode *node, const char *path)
{
  JsonNode *found = al_k8s_test_at (node, path);

  if (found == NULL || !JSON_NODE_HOLDS_ARRAY (found))
    return 0;
  return json_array_get_length (json_node_get_array (found));
}

/* The object of @kind named @name in @manifest, or %NULL. */
static inline JsonNode *
al_k8s_test_find (AlComponentManifest *manifest, const char *kind, const char *name)
{
  for (guint i = 0; i < manifest->objects->len; i++)
    {
      JsonNode *object = g_ptr_array_index (manifest->objects, i);

      if (g_strcmp0 (al_k8s_test_string (object, "kind"), kind) == 0
          && g_strcmp0 (al_k8s_test_string (object, "metadata.name"), name) == 0)
        return object;
    }
  return NULL;
}

static inline AlComponentManifest *
al_k8s_test_manifest (AlManifests *manifests, const char *component_name)
{
  for (guint i = 0; i < manifests->components->len; i++)
    {
      AlComponentManifest *manifest = g_ptr_array_index (manifests->components, i);

      if (g_strcmp0 (manifest->component_name, component_name) == 0)
        return manifest;
    }
  g_error ("no manifest for component %s", component_name);
  return NULL;
}

/* The workload (last object) of @manifest. */
static inline JsonNode *
al_k8s_test_workload (AlComponentManifest *manifest)
{
  g_assert_cmpuint (manifest->objects->len, >, 0);
  return g_ptr_array_index (manifest->objects, manifest->objects->len - 1);
}

static inline AlDocument *
al_k8s_test_load (const char *path)
{
  g_autoptr (GError) error = NULL;
  AlDocument *document = al_document_load_from_path (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* Compiles @document, asserting that it has no errors. */
static inline AlManifests *
al_k8s_test_compile (AlDocument *document)
{
  g_autoptr (AlGraph) graph = al_graph_new (document);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  AlManifests *manifests = al_k8s_compile (graph, &diagnostics, &error);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *line = al_diagnostic_to_line (g_ptr_array_index (diagnostics, i));
      g_test_message ("%s", line);
    }
  g_assert_no_error (error);
  g_assert_nonnull (manifests);
  return manifests;
}

static inline char *
al_k8s_test_read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* @node as YAML text. */
static inline char *
al_k8s_test_to_yaml (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = al_yaml_write_node (node, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

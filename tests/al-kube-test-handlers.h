/* al-kube-test-handlers.h: how the loopback API server of
 * al-kube-test-server.h answers — its store of objects and its handling of
 * apply, get, list, watch and delete, with faults injected. Included by
 * al-kube-test-server.h only, after its types. */
#pragma once

/* JSON helpers --------------------------------------------------------------- */

static inline JsonObject *
al_kube_test_object (JsonNode *node, const char *member)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *child = object != NULL ? json_object_get_member (object, member) : NULL;

  return child != NULL && JSON_NODE_HOLDS_OBJECT (child) ? json_node_get_object (child) : NULL;
}

static inline const char *
al_kube_test_str (JsonObject *object, const char *member)
{
  JsonNode *child = object != NULL ? json_object_get_member (object, member) : NULL;

  return child != NULL && JSON_NODE_HOLDS_VALUE (child)
             && json_node_get_value_type (child) == G_TYPE_STRING
           ? json_node_get_string (child) : NULL;
}

static inline JsonNode *
al_kube_test_parse (const char *text, gssize length)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, length, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

static inline char *
al_kube_test_status_json (guint code, const char *reason, const char *message,
                          const char *manager, const char *field)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "Status");
  json_builder_set_member_name (builder, "apiVersion");
  json_builder_add_string_value (builder, "v1");
  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, code < 300 ? "Success" : "Failure");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message != NULL ? message : "");
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason != NULL ? reason : "");
  if (manager != NULL)
    {
      g_autofree char *cause = g_strdup_printf ("conflict with \"%s\" using apps/v1", manager);

      json_builder_set_member_name (builder, "details");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "causes");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, "FieldManagerConflict");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, cause);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field != NULL ? field : ".spec.replicas");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static inline void
al_kube_test_respond (SoupServerMessage *msg, guint status, char *body_take)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body_take,
                                    strlen (body_take));
}

static inline void
al_kube_test_respond_status (SoupServerMessage *msg, guint code, const char *reason,
                             const char *message)
{
  al_kube_test_respond (msg, code, al_kube_test_status_json (code, reason, message, NULL, NULL));
}

/* "a=b,c=d" (also "a==b") matched against @object's labels. */
static inline gboolean
al_kube_test_selector_matches (const char *selector, JsonNode *object)
{
  JsonObject *metadata = al_kube_test_object (object, "metadata");
  JsonNode *labels_node = metadata != NULL ? json_object_get_member (metadata, "labels") : NULL;
  JsonObject *labels = labels_node != NULL && JSON_NODE_HOLDS_OBJECT (labels_node)
                         ? json_node_get_object (labels_node) : NULL;
  g_auto (GStrv) terms = NULL;

  if (selector == NULL || *selector == '\0')
    return TRUE;
  terms = g_strsplit (selector, ",", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (terms[i], "=", -1);
      const char *key = pair[0];
      const char *value = g_strv_length (pair) == 2 ? pair[1] : g_strv_length (pair) == 3 ? pair[2] : NULL;

      if (value == NULL || g_strcmp0 (al_kube_test_str (labels, key), value) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The store -------------------------------------------------------------------- */

static inline char *
al_kube_test_key (const char *resource, const char *ns, const char *name)
{
  return g_strdup_printf ("%s/%s/%s", resource, ns != NULL ? ns : "", name);
}

static inline void
al_kube_test_event_free (AlKubeTestEvent *event)
{
  g_free (event->type);
  g_free (event->resource);
  g_free (event->ns);
  json_node_unref (event->object);
  g_free (event);
}

static inline char *
al_kube_test_event_line (const char *type, JsonNode *object)
{
  g_autofree char *text = json_to_string (object, FALSE);

  return g_strdup_printf ("{\"type\":\"%s\",\"object\":%s}\n", type, text);
}

static inline gboolean
al_kube_test_watcher_wants (AlKubeTestWatcher *watcher, const char *resource, const char *ns,
                            JsonNode *object)
{
  return !watcher->done && g_strcmp0 (watcher->resource, resource) == 0
         && (watcher->ns == NULL || g_strcmp0 (watcher->ns, ns) == 0)
         && al_kube_test_selector_matches (watcher->selector, object);
}

static inline void
al_kube_test_watcher_send (AlKubeTestWatcher *watcher, const char *line)
{
  SoupMessageBody *body = soup_server_message_get_response_body (watcher->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, line, strlen (line));
  soup_server_message_unpause (watcher->msg);
}

/* Server thread; the lock is held. Records the change and tells watchers. */
static inline void
al_kube_test_record (AlKubeTestServer *self, const char *type, const char *resource,
                     const char *ns, JsonNode *object)
{
  AlKubeTestEvent *event = g_new0 (AlKubeTestEvent, 1);
  g_autofree char *line = al_kube_test_event_line (type, object);

  event->rv = self->resource_version;
  event->type = g_strdup (type);
  event->resource = g_strdup (resource);
  event->ns = g_strdup (ns);
  event->object = json_node_ref (object);
  g_ptr_array_add (self->events, event);
  for (guint i = 0; i < self->watchers->len; i++)
    {
      AlKubeTestWatcher *watcher = g_ptr_array_index (self->watchers, i);

      if (al_kube_test_watcher_wants (watcher, resource, ns, object))
        al_kube_test_watcher_send (watcher, line);
    }
}

static inline void
al_kube_test_stamp (AlKubeTestServer *self, JsonNode *object, JsonNode *previous)
{
  JsonObject *metadata = al_kube_test_object (object, "metadata");
  JsonObject *old = al_kube_test_object (previous, "metadata");
  g_autofree char *rv = g_strdup_printf ("%" G_GINT64_FORMAT, ++self->resource_version);

  if (metadata == NULL)
    {
      metadata = json_object_new ();
      json_object_set_object_member (json_node_get_object (object), "metadata", metadata);
    }
  json_object_set_string_member (metadata, "resourceVersion", rv);
  if (old != NULL && al_kube_test_str (old, "uid") != NULL)
    json_object_set_string_member (metadata, "uid", al_kube_test_str (old, "uid"));
  else if (al_kube_test_str (metadata, "uid") == NULL)
    {
      g_autofree char *uid = g_uuid_string_random ();
      json_object_set_string_member (metadata, "uid", uid);
    }
}

/* Server thread. Puts @object (taken) under resource/ns/name and records it. */
static inline void
al_kube_test_store_put (AlKubeTestServer *self, const char *resource, const char *ns,
                        JsonNode *object)
{
  const char *name = al_kube_test_str (al_kube_test_object (object, "metadata"), "name");
  g_autofree char *key = al_kube_test_key (resource, ns, name);
  JsonNode *previous = g_hash_table_lookup (self->store, key);
  gboolean existed = previous != NULL;

  al_kube_test_stamp (self, object, previous);
  g_hash_table_replace (self->store, g_steal_pointer (&key), object);
  al_kube_test_record (self, existed ? "MODIFIED" : "ADDED", resource, ns, object);
}

/* Requests ------------------------------------------------------------------------ */

typedef struct
{
  const char *resource;
  const char *kind;
  const char *api_version;
  char *ns;
  char *name;
} AlKubeTestRoute;

static inline gboolean
al_kube_test_route (const char *path, AlKubeTestRoute *route)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  guint base;
  const char *resource;

  memset (route, 0, sizeof *route);
  /* "", "api", "v1", … or "", "apis", "apps", "v1", … */
  if (n >= 3 && strcmp (parts[1], "api") == 0 && strcmp (parts[2], "v1") == 0)
    base = 3;
  else if (n >= 4 && strcmp (parts[1], "apis") == 0 && strcmp (parts[2], "apps") == 0
           && strcmp (parts[3], "v1") == 0)
    base = 4;
  else
    return FALSE;
  if (n < base + 1 || strcmp (parts[base], "namespaces") != 0)
    return FALSE;
  if (n == base + 1 || n == base + 2)
    {
      resource = "namespaces";
      route->name = n == base + 2 ? g_strdup (parts[base + 1]) : NULL;
    }
  else
    {
      route->ns = g_strdup (parts[base + 1]);
      resource = parts[base + 2];
      if (n == base + 4)
        route->name = g_strdup (parts[base + 3]);
      else if (n != base + 3)
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (al_kube_test_kinds); i++)
    if (strcmp (al_kube_test_kinds[i].resource, resource) == 0
        && (base == 4) == (strcmp (al_kube_test_kinds[i].api_version, "apps/v1") == 0))
      {
        route->resource = al_kube_test_kinds[i].resource;
        route->kind = al_kube_test_kinds[i].kind;
        route->api_version = al_kube_test_kinds[i].api_version;
        return TRUE;
      }
  return FALSE;
}

/* Compares two objects but for what the server maintains. */
static inline gboolean
al_kube_test_same_content (JsonNode *a, JsonNode *b)
{
  g_autoptr (JsonNode) x = al_json_node_deep_copy (a);
  g_autoptr (JsonNode) y = al_json_node_deep_copy (b);
  JsonNode *nodes[] = { x, y };

  for (guint i = 0; i < 2; i++)
    {
      JsonObject *metadata = al_kube_test_object (nodes[i], "metadata");

      json_object_remove_member (json_node_get_object (nodes[i]), "status");
      if (metadata != NULL)
        for (guint j = 0; j < 4; j++)
          json_object_remove_member (metadata, (const char *[]){ "resourceVersion", "uid",
                                                                  "managedFields", "creationTimestamp" }[j]);
    }
  return json_node_equal (x, y);
}

static inline void
al_kube_test_handle_apply (AlKubeTestServer *self, SoupServerMessage *msg, AlKubeTestRoute *route,
                           GHashTable *query)
{
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (request_body);
  const char *content_type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (msg), NULL);
  const char *manager = query != NULL ? g_hash_table_lookup (query, "fieldManager") : NULL;
  gboolean dry_run = query != NULL && g_strcmp0 (g_hash_table_lookup (query, "dryRun"), "All") == 0;
  g_autoptr (JsonNode) object = NULL;
  g_autofree char *key = NULL;
  JsonObject *metadata;
  JsonNode *previous;
  JsonNode *stored;
  JsonArray *managed;
  JsonObject *entry;

  if (g_strcmp0 (content_type, "application/apply-patch+yaml") != 0)
    {
      al_kube_test_respond_status (msg, 415, "UnsupportedMediaType", "the body of the request was in an unknown format");
      return;
    }
  if (manager == NULL || route->name == NULL)
    {
      al_kube_test_respond_status (msg, 400, "BadRequest", "fieldManager is required for apply requests");
      return;
    }
  object = al_kube_test_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  metadata = al_kube_test_object (object, "metadata");
  if (object == NULL || !JSON_NODE_HOLDS_OBJECT (object)
      || g_strcmp0 (al_kube_test_str (json_node_get_object (object), "kind"), route->kind) != 0
      || g_strcmp0 (al_kube_test_str (json_node_get_object (object), "apiVersion"), route->api_version) != 0
      || g_strcmp0 (al_kube_test_str (metadata, "name"), route->name) != 0
      || (route->ns != NULL && al_kube_test_str (metadata, "namespace") != NULL
          && g_strcmp0 (al_kube_test_str (metadata, "namespace"), route->ns) != 0))
    {
      al_kube_test_respond_status (msg, 400, "BadRequest", "the object does not match the path");
      return;
    }
  if (route->ns != NULL && self->check_namespace)
    {
      g_autofree char *ns_key = al_kube_test_key ("namespaces", NULL, route->ns);

      if (!g_hash_table_contains (self->store, ns_key))
        {
          g_autofree char *message = g_strdup_printf ("namespaces \"%s\" not found", route->ns);
          al_kube_test_respond_status (msg, 404, "NotFound", message);
          return;
        }
    }

  key = al_kube_test_key (route->resource, route->ns, route->name);
  previous = g_hash_table_lookup (self->store, key);
  if (route->ns != NULL && al_kube_test_str (metadata, "namespace") == NULL)
    json_object_set_string_member (metadata, "namespace", route->ns);
  if (g_strcmp0 (route->kind, "Secret") == 0 && al_kube_test_object (object, "stringData") != NULL)
    {
      /* stringData is write-only: stored base64-encoded in data. */
      JsonObject *string_data = al_kube_test_object (object, "stringData");
      JsonObject *data = al_kube_test_object (object, "data");
      g_autoptr (GList) keys = json_object_get_members (string_data);

      if (data == NULL)
        {
          data = json_object_new ();
          json_object_set_object_member (json_node_get_object (object), "data", data);
        }
      for (GList *l = keys; l != NULL; l = l->next)
        {
          const char *value = al_kube_test_str (string_data, l->data);
          g_autofree char *encoded = g_base64_encode ((const guchar *) value, strlen (value));

          json_object_set_string_member (data, l->data, encoded);
        }
      json_object_remove_member (json_node_get_object (object), "stringData");
    }
  if (g_strcmp0 (route->kind, "Service") == 0)
    {
      JsonObject *spec = al_kube_test_object (object, "spec");
      JsonObject *old_spec = al_kube_test_object (previous, "spec");

      /* A defaulted field the document never sets. */
      if (spec != NULL && al_kube_test_str (spec, "clusterIP") == NULL)
        json_object_set_string_member (spec, "clusterIP",
                                       old_spec != NULL && al_kube_test_str (old_spec, "clusterIP")
                                         ? al_kube_test_str (old_spec, "clusterIP") : "10.96.0.10");
    }
  if (previous != NULL && json_object_has_member (json_node_get_object (previous), "status"))
    json_object_set_member (json_node_get_object (object), "status",
                            al_json_node_deep_copy (json_object_get_member (json_node_get_object (previous), "status")));
  managed = json_array_new ();
  entry = json_object_new ();
  json_object_set_string_member (entry, "manager", manager);
  json_object_set_string_member (entry, "operation", "Apply");
  json_object_set_string_member (entry, "apiVersion", route->api_version);
  json_object_set_string_member (entry, "fieldsType", "FieldsV1");
  json_array_add_object_element (managed, entry);
  json_object_set_array_member (metadata, "managedFields", managed);
  /* A no-op apply writes nothing: same resourceVersion. */
  if (previous != NULL && al_kube_test_same_content (previous, object))
    {
      al_kube_test_respond (msg, 200, json_to_string (previous, FALSE));
      return;
    }

  if (dry_run)
    {
      g_autoptr (JsonNode) copy = al_json_node_deep_copy (object);

      if (previous != NULL)
        json_object_set_string_member (al_kube_test_object (copy, "metadata"), "resourceVersion",
                                       al_kube_test_str (al_kube_test_object (previous, "metadata"), "resourceVersion"));
      al_kube_test_respond (msg, previous != NULL ? 200 : 201, json_to_string (copy, FALSE));
      return;
    }
  stored = g_steal_pointer (&object);
  al_kube_test_store_put (self, route->resource, route->ns, stored);
  al_kube_test_respond (msg, previous != NULL ? 200 : 201, json_to_string (stored, FALSE));
}

static inline void
al_kube_test_watcher_finished (SoupServerMessage *msg, gpointer user_data)
{
  AlKubeTestWatcher *watcher = user_data;

  watcher->done = TRUE;
}

static inline void
al_kube_test_watcher_free (AlKubeTestWatcher *watcher)
{
  g_signal_handlers_disconnect_by_data (watcher->msg, watcher);
  g_object_unref (watcher->msg);
  g_free (watcher->resource);
  g_free (watcher->ns);
  g_free (watcher->selector);
  g_free (watcher);
}

static inline void
al_kube_test_handle_watch (AlKubeTestServer *self, SoupServerMessage *msg, AlKubeTestRoute *route,
                           GHashTable *query)
{
  const char *since_text = g_hash_table_lookup (query, "resourceVersion");
  const char *selector = g_hash_table_lookup (query, "labelSelector");
  gint64 since = since_text != NULL && *since_text != '\0' ? g_ascii_strtoll (since_text, NULL, 10) : -1;
  AlKubeTestWatcher *watcher = g_new0 (AlKubeTestWatcher, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  watcher->server = self;
  watcher->msg = g_object_ref (msg);
  watcher->resource = g_strdup (route->resource);
  watcher->ns = g_strdup (route->ns);
  watcher->selector = g_strdup (selector);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  g_signal_connect (msg, "finished", G_CALLBACK (al_kube_test_watcher_finished), watcher);
  g_signal_connect (msg, "disconnected", G_CALLBACK (al_kube_test_watcher_finished), watcher);
  g_ptr_array_add (self->watchers, watcher);

  if (since >= 0 && since < self->compacted)
    {
      g_autofree char *message = g_strdup_printf ("too old resource version: %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT ")",
                                                  since, self->compacted);
      g_autofree char *status = al_kube_test_status_json (410, "Expired", message, NULL, NULL);
      g_autoptr (JsonNode) node = al_kube_test_parse (status, -1);
      g_autofree char *line = al_kube_test_event_line ("ERROR", node);

      al_kube_test_watcher_send (watcher, line);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      watcher->done = TRUE;
      return;
    }
  if (since < 0)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->store);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          JsonNode *object = value;
          const char *ns = al_kube_test_str (al_kube_test_object (object, "metadata"), "namespace");
          const char *kind = al_kube_test_str (json_node_get_object (object), "kind");

          if (g_strcmp0 (kind, route->kind) == 0 && al_kube_test_watcher_wants (watcher, route->resource, ns, object))
            {
              g_autofree char *line = al_kube_test_event_line ("ADDED", object);
              al_kube_test_watcher_send (watcher, line);
            }
        }
    }
  else
    for (guint i = 0; i < self->events->len; i++)
      {
        AlKubeTestEvent *event = g_ptr_array_index (self->events, i);

        if (event->rv > since && al_kube_test_watcher_wants (watcher, event->resource, event->ns, event->object))
          {
            g_autofree char *line = al_kube_test_event_line (event->type, event->object);
            al_kube_test_watcher_send (watcher, line);
          }
      }
  /* Nothing more to write for now: libsoup waits for the next chunk. */
  soup_server_message_unpause (msg);
}

static inline void
al_kube_test_handle_list (AlKubeTestServer *self, SoupServerMessage *msg, AlKubeTestRoute *route,
                          GHashTable *query)
{
  const char *selector = query != NULL ? g_hash_table_lookup (query, "labelSelector") : NULL;
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *list = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonArray *items = json_array_new ();
  g_autofree char *rv = g_strdup_printf ("%" G_GINT64_FORMAT, self->resource_version);
  g_autofree char *list_kind = g_strconcat (route->kind, "List", NULL);
  g_autoptr (GList) keys = g_list_sort (g_hash_table_get_keys (self->store), (GCompareFunc) strcmp);
  g_autofree char *prefix = g_strdup_printf ("%s/%s/", route->resource, route->ns != NULL ? route->ns : "");

  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *object = g_hash_table_lookup (self->store, l->data);
      JsonNode *item;

      if (!g_str_has_prefix (l->data, prefix) || !al_kube_test_selector_matches (selector, object))
        continue;
      /* List items carry no kind nor apiVersion. */
      item = al_json_node_deep_copy (object);
      json_object_remove_member (json_node_get_object (item), "kind");
      json_object_remove_member (json_node_get_object (item), "apiVersion");
      json_array_add_element (items, item);
    }
  json_object_set_string_member (list, "kind", list_kind);
  json_object_set_string_member (list, "apiVersion", route->api_version);
  json_object_set_string_member (metadata, "resourceVersion", rv);
  json_object_set_object_member (list, "metadata", metadata);
  json_object_set_array_member (list, "items", items);
  json_node_take_object (root, list);
  al_kube_test_respond (msg, 200, json_to_string (root, FALSE));
}

static inline void
al_kube_test_drop (SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  const char *partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Content-Length: 4000\r\n\r\n{\"kind\":\"Sec";

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial, strlen (partial),
                             NULL, NULL, NULL);
  g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static inline AlKubeTestFaultEntry *
al_kube_test_match_fault (AlKubeTestServer *self, const char *method, const char *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      AlKubeTestFaultEntry *entry = g_ptr_array_index (self->faults, i);

      if ((entry->method != NULL && g_strcmp0 (entry->method, method) != 0)
          || (entry->path_contains != NULL && strstr (path, entry->path_contains) == NULL)
          || (entry->fault.count > 0 && entry->hits >= entry->fault.count))
        continue;
      entry->hits++;
      return entry;
    }
  return NULL;
}

static inline void
al_kube_test_handle_now (AlKubeTestServer *self, SoupServerMessage *msg, GHashTable *query,
                         AlKubeTestFaultEntry *fault)
{
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  AlKubeTestRoute route;

  if (fault != NULL && fault->fault.drop)
    {
      al_kube_test_drop (msg);
      return;
    }
  if (fault != NULL && fault->fault.status != 0
      && !(fault->manager != NULL && query != NULL && g_strcmp0 (g_hash_table_lookup (query, "force"), "true") == 0))
    {
      al_kube_test_respond (msg, fault->fault.status,
                            al_kube_test_status_json (fault->fault.status, fault->reason, fault->message,
                                                      fault->manager, fault->field));
      if (fault->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                      fault->retry_after);
      return;
    }

  if (!al_kube_test_route (path, &route))
    {
      al_kube_test_respond_status (msg, 404, "NotFound", "the server could not find the requested resource");
      return;
    }
  if (strcmp (method, "PATCH") == 0)
    al_kube_test_handle_apply (self, msg, &route, query);
  else if (strcmp (method, "GET") == 0 && route.name == NULL && query != NULL
           && g_strcmp0 (g_hash_table_lookup (query, "watch"), "1") == 0)
    al_kube_test_handle_watch (self, msg, &route, query);
  else if (strcmp (method, "GET") == 0 && route.name == NULL)
    al_kube_test_handle_list (self, msg, &route, query);
  else if (strcmp (method, "GET") == 0 || strcmp (method, "DELETE") == 0)
    {
      g_autofree char *key = al_kube_test_key (route.resource, route.ns, route.name);
      JsonNode *object = g_hash_table_lookup (self->store, key);
      gboolean dry_run = query != NULL && g_strcmp0 (g_hash_table_lookup (query, "dryRun"), "All") == 0;

      if (object == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s \"%s\" not found", route.resource, route.name);
          al_kube_test_respond_status (msg, 404, "NotFound", message);
        }
      else if (strcmp (method, "GET") == 0)
        al_kube_test_respond (msg, 200, json_to_string (object, FALSE));
      else if (dry_run)
        al_kube_test_respond_status (msg, 200, "", "");
      else
        {
          g_autoptr (JsonNode) gone = al_json_node_deep_copy (object);

          g_hash_table_remove (self->store, key);
          self->resource_version++;
          al_kube_test_record (self, "DELETED", route.resource, route.ns, gone);
          al_kube_test_respond_status (msg, 200, "", "");
        }
    }
  else
    al_kube_test_respond_status (msg, 405, "MethodNotAllowed", "method not allowed");
  g_free (route.ns);
  g_free (route.name);
}

typedef struct
{
  AlKubeTestServer *self;
  SoupServerMessage *msg;
  GHashTable *query;
  AlKubeTestFaultEntry *fault;
  gboolean gone; /* the client went away while the answer waited */
} AlKubeTestDelayed;

static inline void
al_kube_test_delayed_gone (SoupServerMessage *msg, gpointer user_data)
{
  ((AlKubeTestDelayed *) user_data)->gone = TRUE;
}

static inline gboolean
al_kube_test_delayed_answer (gpointer user_data)
{
  AlKubeTestDelayed *delayed = user_data;

  g_mutex_lock (&delayed->self->lock);
  delayed->self->delayed_now--;
  if (!delayed->gone)
    al_kube_test_handle_now (delayed->self, delayed->msg, delayed->query, delayed->fault);
  g_mutex_unlock (&delayed->self->lock);
  g_signal_handlers_disconnect_by_func (delayed->msg, al_kube_test_delayed_gone, delayed);
  /* A cancelled client (Ctrl+C, a cancelled deploy) leaves nothing to answer. */
  if (!delayed->gone)
    soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static inline void
al_kube_test_handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                      gpointer user_data)
{
  AlKubeTestServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  AlKubeTestFaultEntry *fault;
  guint delay;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, g_strdup_printf ("%s %s%s%s", method, path, raw_query ? "?" : "",
                                                    raw_query ? raw_query : ""));
  if (g_strcmp0 (authorization, "Bearer " AL_KUBE_TEST_TOKEN) != 0)
    {
      g_mutex_unlock (&self->lock);
      al_kube_test_respond_status (msg, 401, "Unauthorized", "Unauthorized");
      return;
    }
  fault = al_kube_test_match_fault (self, method, path);
  delay = fault != NULL && fault->fault.delay_ms > 0 ? fault->fault.delay_ms : self->delay_all_ms;
  if (delay > 0 || self->hold)
    {
      AlKubeTestDelayed *delayed = g_new0 (AlKubeTestDelayed, 1);
      GSource *source = self->hold ? NULL : g_timeout_source_new (delay);

      delayed->self = self;
      delayed->msg = g_object_ref (msg);
      delayed->query = query != NULL ? g_hash_table_ref (query) : NULL;
      delayed->fault = fault != NULL && fault->fault.delay_ms > 0 && fault->fault.status == 0 && !fault->fault.drop
                         ? NULL : fault;
      g_signal_connect (msg, "disconnected", G_CALLBACK (al_kube_test_delayed_gone), delayed);
      g_signal_connect (msg, "finished", G_CALLBACK (al_kube_test_delayed_gone), delayed);
      soup_server_message_pause (msg);
      self->delayed_now++;
      self->delayed_max = MAX (self->delayed_max, self->delayed_now);
      if (source == NULL)
        g_ptr_array_add (self->held, delayed);
      else
        {
          g_source_set_callback (source, al_kube_test_delayed_answer, delayed, NULL);
          g_source_attach (source, self->context);
          g_source_unref (source);
        }
      g_mutex_unlock (&self->lock);
      return;
    }
  al_kube_test_handle_now (self, msg, query, fault);
  g_mutex_unlock (&self->lock);
}

/* test-yaml: the YAML and JSON text of Kubernetes objects, read back with libyaml's parser */
#include <string.h>
#include <yaml.h>

#include "al-test-util.h"
#include "al-json-writer.h"
#include "al-yaml-writer.h"

/* What YAML readers resolve plain scalars to: the YAML 1.1 resolvers of
 * PyYAML and of the 1.1 spec (which adds y/n and a looser float), and the
 * YAML 1.2 core schema. Written independently of the writer's own rules. */
static const char *const non_string_patterns[] = {
  /* 1.1 bool (spec) */
  "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
  /* 1.1 float (PyYAML, then the spec) */
  "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
  "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$",
  "^[-+]?(?:[0-9][0-9_]*)?\\.[0-9.]*(?:[eE][-+][0-9]+)?$",
  /* 1.1 int */
  "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
  "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
  /* 1.1 merge, null, timestamp, value */
  "^<<$",
  "^(?:~|null|Null|NULL|)$",
  "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}"
  ":[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$",
  "^=$",
  /* 1.2 core */
  "^(?:true|True|TRUE|false|False|FALSE)$",
  "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
  "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)"
  "|\\.nan|\\.NaN|\\.NAN)$",
};

static gboolean
plain_reads_as_non_string (const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (non_string_patterns); i++)
    if (g_regex_match_simple (non_string_patterns[i], value, 0, 0))
      return TRUE;
  return FALSE;
}

typedef struct
{
  char *value;
  yaml_scalar_style_t style;
} Scalar;

static void
scalar_free (Scalar *scalar)
{
  g_free (scalar->value);
  g_free (scalar);
}

/* Parses @text and returns every scalar in order, and the number of
 * documents. Fails the test on a parse error. */
static GPtrArray *
parse_scalars (GBytes *text, guint *n_documents)
{
  yaml_parser_t parser;
  yaml_event_t event;
  GPtrArray *scalars = g_ptr_array_new_with_free_func ((GDestroyNotify) scalar_free);
  gsize size;
  const guchar *data = g_bytes_get_data (text, &size);
  gboolean done = FALSE;

  *n_documents = 0;
  g_assert_true (yaml_parser_initialize (&parser));
  yaml_parser_set_input_string (&parser, data, size);
  while (!done)
    {
      if (!yaml_parser_parse (&parser, &event))
        g_error ("YAML does not parse: %s\n%.*s", parser.problem, (int) size, data);
      if (event.type == YAML_SCALAR_EVENT)
        {
          Scalar *scalar = g_new0 (Scalar, 1);
          scalar->value = g_strndup ((const char *) event.data.scalar.value, event.data.scalar.length);
          scalar->style = event.data.scalar.style;
          g_ptr_array_add (scalars, scalar);
        }
      else if (event.type == YAML_DOCUMENT_START_EVENT)
        (*n_documents)++;
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&parser);
  return scalars;
}

static GBytes *
write_yaml (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  GBytes *text = al_yaml_write_node (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
assert_text (GBytes *text, const char *expected)
{
  gsize size;
  const char *data = g_bytes_get_data (text, &size);
  g_autofree char *copy = g_strndup (data, size);

  g_assert_cmpstr (copy, ==, expected);
}

typedef struct
{
  const char *value;
  gboolean must_quote; /* TRUE: must not come back plain */
} Tricky;

static const Tricky tricky[] = {
  /* numbers in any form */
  { "8080", TRUE }, { "0x1F", TRUE }, { "0X1f", TRUE }, { "1e3", TRUE }, { "1E+3", TRUE },
  { "0o17", TRUE }, { "017", TRUE }, { "0b101", TRUE }, { ".5", TRUE }, { "5.", TRUE },
  { "1_000", TRUE }, { "+1", TRUE }, { "-1", TRUE }, { "1.36", TRUE }, { "3.0", TRUE },
  { "0999", TRUE }, { "1:30", TRUE }, { "190:20:30.15", TRUE }, { "1.2.3", TRUE },
  { ".inf", TRUE }, { "-.Inf", TRUE }, { "+.INF", TRUE }, { ".NaN", TRUE }, { ".nan", TRUE },
  /* booleans and nulls of YAML 1.1 and 1.2, in any case */
  { "yes", TRUE }, { "Yes", TRUE }, { "YES", TRUE }, { "yEs", TRUE }, { "no", TRUE }, { "NO", TRUE },
  { "on", TRUE }, { "On", TRUE }, { "OFF", TRUE }, { "y", TRUE }, { "Y", TRUE }, { "n", TRUE },
  { "N", TRUE }, { "true", TRUE }, { "False", TRUE }, { "TRUE", TRUE }, { "null", TRUE },
  { "Null", TRUE }, { "NULL", TRUE }, { "nULL", TRUE }, { "~", TRUE }, { "", TRUE },
  /* structure */
  { "a: b", TRUE }, { "key:", TRUE }, { "a #b", TRUE }, { " lead", TRUE }, { "trail ", TRUE },
  { "\tlead", TRUE }, { "-dash", TRUE }, { "- item", TRUE }, { "?q", TRUE }, { ":colon", TRUE },
  { ",comma", TRUE }, { "[x", TRUE }, { "]x", TRUE }, { "{x", TRUE }, { "}x", TRUE },
  { "#hash", TRUE }, { "&anchor", TRUE }, { "*alias", TRUE }, { "!tag", TRUE }, { "|pipe", TRUE },
  { ">fold", TRUE }, { "'single", TRUE }, { "\"double", TRUE }, { "%percent", TRUE },
  { "@at", TRUE }, { "`tick", TRUE }, { "---", TRUE }, { "...", TRUE }, { "tab\there", TRUE },
  /* line breaks */
  { "line1\nline2", TRUE }, { "line1\nline2\n", TRUE }, { "two\n\n", TRUE }, { "\n", TRUE },
  { "crlf\r\nline", TRUE }, { "  indented\nnext", TRUE }, { "trailing space \nnext", TRUE },
  { "nel\xc2\x85here", TRUE }, { "ls\xe2\x80\xa8here", TRUE }, { "bell\x07", TRUE },
  /* dates, merge and value keys */
  { "2001-12-14", TRUE }, { "2001-12-14t21:59:43.10-05:00", TRUE },
  { "2001-12-14 21:59:43.10 -5", TRUE }, { "2002-1-1", TRUE }, { "<<", TRUE }, { "=", TRUE },
  /* safe as plain scalars: these must stay plain */
  { "hello", FALSE }, { "250m", FALSE }, { "256Mi", FALSE }, { "busybox:1.36", FALSE },
  { "app.kubernetes.io/name", FALSE }, { "网上商城", FALSE }, { "a:b", FALSE }, { "a#b", FALSE },
  { "http://example.com:80/healthz", FALSE }, { "NoSchedule", FALSE }, { "/var/lib/mysql", FALSE },
  { "nc -z mysql 3306", FALSE }, { "v1", FALSE }, { "apps/v1", FALSE }, { "yes-please", FALSE },
  { "$(DB_PASSWORD)", FALSE }, { "tcp-3306", FALSE }, { "x86_64", FALSE }, { "1-2", FALSE },
};

static void
test_tricky_strings_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      const char *value = tricky[i].value;
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (GBytes) text = NULL;
      g_autoptr (GPtrArray) scalars = NULL;
      guint n_documents;

      /* The string both as a key and as a value, in a list too. */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, value);
      json_builder_add_string_value (builder, value);
      json_builder_set_member_name (builder, "list");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, value);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);

      text = write_yaml (root);
      scalars = parse_scalars (text, &n_documents);
      g_test_message ("%s", (const char *) g_bytes_get_data (text, NULL));
      g_assert_cmpuint (n_documents, ==, 1);
      g_assert_cmpuint (scalars->len, ==, 4);
      for (guint k = 0; k < scalars->len; k++)
        {
          Scalar *scalar = g_ptr_array_index (scalars, k);
          const char *expected = k == 2 ? "list" : value;

          g_assert_cmpstr (scalar->value, ==, expected);
          if (scalar->style == YAML_PLAIN_SCALAR_STYLE)
            g_assert_false (plain_reads_as_non_string (scalar->value));
        }
      for (guint k = 0; k < scalars->len; k++)
        {
          Scalar *scalar = g_ptr_array_index (scalars, k);
          if (k == 2)
            continue;
          if (tricky[i].must_quote)
            g_assert_cmpint (scalar->style, !=, YAML_PLAIN_SCALAR_STYLE);
          else
            g_assert_cmpint (scalar->style, ==, YAML_PLAIN_SCALAR_STYLE);
        }
      g_assert_cmpint (al_yaml_string_needs_quotes (value), ==, tricky[i].must_quote);
    }
}

static void
test_multiline_is_literal (void)
{
  g_autoptr (JsonNode) root = json_from_string ("{\"script\": \"set -eu\\necho 'ready'\\n\"}", NULL);
  g_autoptr (GBytes) text = write_yaml (root);

  assert_text (text, "script: |\n  set -eu\n  echo 'ready'\n");
}

static void
test_numbers_stay_numbers (void)
{
  g_autoptr (JsonNode) root = json_from_string (
    "{\"port\": 8080, \"negative\": -3, \"big\": 9007199254740993, \"ratio\": 0.5, \"whole\": 2.0,"
    " \"on\": true, \"off\": false, \"nothing\": null, \"text\": \"8080\"}",
    NULL);
  g_autoptr (GBytes) text = write_yaml (root);
  g_autoptr (GPtrArray) scalars = NULL;
  guint n_documents;

  assert_text (text,
               "port: 8080\n"
               "negative: -3\n"
               "big: 9007199254740993\n"
               "ratio: 0.5\n"
               "whole: 2.0\n"
               "\"on\": true\n"
               "\"off\": false\n"
               "nothing: null\n"
               "text: \"8080\"\n");
  scalars = parse_scalars (text, &n_documents);
  for (guint k = 1; k < 16; k += 2)
    {
      Scalar *scalar = g_ptr_array_index (scalars, k);
      g_assert_cmpint (scalar->style, ==, YAML_PLAIN_SCALAR_STYLE);
      g_assert_true (plain_reads_as_non_string (scalar->value));
    }
  g_assert_cmpint (((Scalar *) g_ptr_array_index (scalars, 17))->style, ==,
                   YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void
test_nested_structures (void)
{
  g_autoptr (JsonNode) root = json_from_string (
    "{\"apiVersion\": \"v1\", \"kind\": \"Service\","
    " \"metadata\": {\"name\": \"web\", \"labels\": {\"app.kubernetes.io/name\": \"web\"}},"
    " \"spec\": {\"ports\": [{\"name\": \"http-80\", \"port\": 80}, {\"name\": \"udp-53\", \"port\": 53}],"
    "  \"matrix\": [[1, 2], []], \"selector\": {}, \"empty\": []}}",
    NULL);
  g_autoptr (GBytes) text = write_yaml (root);

  assert_text (text,
               "apiVersion: v1\n"
               "kind: Service\n"
               "metadata:\n"
               "  name: web\n"
               "  labels:\n"
               "    app.kubernetes.io/name: web\n"
               "spec:\n"
               "  ports:\n"
               "  - name: http-80\n"
               "    port: 80\n"
               "  - name: udp-53\n"
               "    port: 53\n"
               "  matrix:\n"
               "  - - 1\n"
               "    - 2\n"
               "  - []\n"
               "  selector: {}\n"
               "  empty: []\n");
}

static void
test_members_in_insertion_order (void)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (GBytes) yaml = NULL;
  g_autoptr (GBytes) json = NULL;

  json_object_set_string_member (object, "zeta", "1st");
  json_object_set_string_member (object, "alpha", "2nd");
  json_object_set_string_member (object, "mid", "3rd");
  json_node_set_object (root, object);
  yaml = write_yaml (root);
  assert_text (yaml, "zeta: 1st\nalpha: 2nd\nmid: 3rd\n");
  json = al_json_writer_to_bytes (root);
  assert_text (json, "{\n  \"zeta\": \"1st\",\n  \"alpha\": \"2nd\",\n  \"mid\": \"3rd\"\n}\n");
}

static void
test_multiple_documents (void)
{
  g_autoptr (JsonNode) a = json_from_string ("{\"kind\": \"Secret\"}", NULL);
  g_autoptr (JsonNode) b = json_from_string ("{\"kind\": \"Service\"}", NULL);
  g_autoptr (JsonNode) c = json_from_string ("{\"kind\": \"Deployment\", \"items\": [\"x\"]}", NULL);
  JsonNode *docs[] = { a, b, c };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) text = al_yaml_write_documents (docs, G_N_ELEMENTS (docs), &error);
  g_autoptr (GPtrArray) scalars = NULL;
  guint n_documents;

  g_assert_no_error (error);
  assert_text (text,
               "kind: Secret\n"
               "---\n"
               "kind: Service\n"
               "---\n"
               "kind: Deployment\n"
               "items:\n"
               "- x\n");
  scalars = parse_scalars (text, &n_documents);
  g_assert_cmpuint (n_documents, ==, 3);
  g_assert_cmpstr (((Scalar *) g_ptr_array_index (scalars, 5))->value, ==, "Deployment");
}

static void
test_utf8_unescaped (void)
{
  g_autoptr (JsonNode) root = json_from_string (
    "{\"display\": \"网上商城\", \"quoted\": \"订单: 已支付\", \"multi\": \"第一行\\n第二行\"}", NULL);
  g_autoptr (GBytes) yaml = write_yaml (root);
  g_autoptr (GBytes) json = al_json_writer_to_bytes (root);
  g_autoptr (GPtrArray) scalars = NULL;
  guint n_documents;

  assert_text (yaml,
               "display: 网上商城\n"
               "quoted: \"订单: 已支付\"\n"
               "multi: |-\n"
               "  第一行\n"
               "  第二行\n");
  scalars = parse_scalars (yaml, &n_documents);
  g_assert_cmpstr (((Scalar *) g_ptr_array_index (scalars, 3))->value, ==, "订单: 已支付");
  assert_text (json,
               "{\n"
               "  \"display\": \"网上商城\",\n"
               "  \"quoted\": \"订单: 已支付\",\n"
               "  \"multi\": \"第一行\\n第二行\"\n"
               "}\n");
}

static void
test_invalid_utf8_is_refused (void)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_VALUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) text = NULL;

  json_node_set_string (root, "bad \xff byte");
  text = al_yaml_write_node (root, &error);
  g_assert_null (text);
  g_assert_error (error, AL_YAML_ERROR, AL_YAML_ERROR_EMIT);
}

static void
test_deterministic (void)
{
  g_autoptr (JsonNode) root = json_from_string (
    "{\"b\": [1, \"2\", {\"c\": null}], \"a\": {\"yes\": \"no\"}}", NULL);
  g_autoptr (GBytes) first = write_yaml (root);
  g_autoptr (GBytes) second = write_yaml (root);
  g_autoptr (GBytes) json_first = al_json_writer_to_bytes (root);
  g_autoptr (GBytes) json_second = al_json_writer_to_bytes (root);

  g_assert_true (g_bytes_equal (first, second));
  g_assert_true (g_bytes_equal (json_first, json_second));
}

/* The event writer gives the text of the tree it walks. */
static void
test_writer_events_match_trees (void)
{
  g_autoptr (JsonNode) root = json_from_string (
    "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"on\": [1, -2, true, null, \"8080\", \"a: b\"],"
    " \"script\": \"set -eu\\nexit 0\\n\", \"empty\": {}, \"none\": []}",
    NULL);
  g_autoptr (GBytes) expected = write_yaml (root);
  g_autoptr (AlYamlWriter) writer = al_yaml_writer_new ();
  g_autoptr (GError) error = NULL;
  const char *text;
  gsize length;

  for (guint round = 0; round < 2; round++)
    {
      /* Reset starts afresh: the second stream is the same as the first. */
      al_yaml_writer_reset (writer);
      al_yaml_writer_begin_document (writer);
      al_yaml_writer_begin_mapping (writer);
      al_yaml_writer_string (writer, "apiVersion");
      al_yaml_writer_string (writer, "v1");
      al_yaml_writer_string (writer, "kind");
      al_yaml_writer_string (writer, "Secret");
      al_yaml_writer_string (writer, "on");
      al_yaml_writer_begin_sequence (writer);
      al_yaml_writer_int (writer, 1);
      al_yaml_writer_int (writer, -2);
      al_yaml_writer_boolean (writer, TRUE);
      al_yaml_writer_node (writer, NULL);
      al_yaml_writer_string (writer, "8080");
      al_yaml_writer_string (writer, "a: b");
      al_yaml_writer_end_sequence (writer);
      al_yaml_writer_string (writer, "script");
      al_yaml_writer_string (writer, "set -eu\nexit 0\n");
      al_yaml_writer_string (writer, "empty");
      al_yaml_writer_begin_mapping (writer);
      al_yaml_writer_end_mapping (writer);
      al_yaml_writer_string (writer, "none");
      al_yaml_writer_begin_sequence (writer);
      al_yaml_writer_end_sequence (writer);
      al_yaml_writer_end_mapping (writer);
      al_yaml_writer_end_document (writer);
      text = al_yaml_writer_finish (writer, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (text, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
    }
}

/* What a recorder records, played into a writer (in another thread),
 * gives the text the writer gives directly. */
static gpointer
replay_in_thread (gpointer data)
{
  GBytes *recording = data;
  AlYamlWriter *writer = al_yaml_writer_new ();
  const char *text;
  gsize length;
  GBytes *result;

  al_yaml_writer_replay (writer, recording);
  text = al_yaml_writer_finish (writer, &length, NULL);
  result = text != NULL ? g_bytes_new (text, length) : NULL;
  al_yaml_writer_free (writer);
  return result;
}

static void
test_recording_replays_the_same_text (void)
{
  g_autoptr (JsonNode) a = json_from_string (
    "{\"kind\": \"Secret\", \"stringData\": {\"yes\": \"no\", \"网上\": \"订单: 已支付\", \"n\": \"\"},"
    " \"ratio\": 0.5, \"whole\": 2.0, \"items\": [[1, 2], [], {\"c\": null}]}", NULL);
  g_autoptr (JsonNode) b = json_from_string ("{\"script\": \"a\\nb\\n\", \"tab\": \"x\\ty\"}", NULL);
  JsonNode *docs[] = { a, b };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) expected = al_yaml_write_documents (docs, G_N_ELEMENTS (docs), &error);
  g_autoptr (AlYamlWriter) recorder = al_yaml_writer_new_recorder ();
  g_autoptr (GBytes) recording = NULL;
  g_autoptr (GBytes) replayed = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autofree char *again_text = NULL;
  GThread *thread;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      al_yaml_writer_begin_document (recorder);
      al_yaml_writer_node (recorder, docs[i]);
      al_yaml_writer_end_document (recorder);
    }
  recording = al_yaml_writer_take_recording (recorder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recording);
  thread = g_thread_new ("replay", replay_in_thread, recording);
  replayed = g_thread_join (thread);
  g_assert_nonnull (replayed);
  g_assert_true (g_bytes_equal (replayed, expected));

  /* Taking the recording starts a new one. */
  al_yaml_writer_begin_document (recorder);
  al_yaml_writer_node (recorder, b);
  al_yaml_writer_end_document (recorder);
  g_clear_pointer (&recording, g_bytes_unref);
  recording = al_yaml_writer_take_recording (recorder, &error);
  g_assert_no_error (error);
  again = replay_in_thread (recording);
  g_assert_nonnull (again);
  again_text = g_strndup (g_bytes_get_data (again, NULL), g_bytes_get_size (again));
  g_assert_cmpstr (again_text, ==, "script: |\n  a\n  b\ntab: \"x\\ty\"\n");
}

/* A recorder checks what it records: invalid UTF-8 is refused when the
 * recording is taken, not later in the thread that plays it. */
static void
test_recorder_refuses_invalid_utf8 (void)
{
  g_autoptr (AlYamlWriter) recorder = al_yaml_writer_new_recorder ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) recording = NULL;

  al_yaml_writer_begin_document (recorder);
  al_yaml_writer_begin_mapping (recorder);
  al_yaml_writer_string (recorder, "key");
  al_yaml_writer_string (recorder, "bad \xed\xa0\x80 surrogate");
  al_yaml_writer_end_mapping (recorder);
  al_yaml_writer_end_document (recorder);
  recording = al_yaml_writer_take_recording (recorder, &error);
  g_assert_null (recording);
  g_assert_error (error, AL_YAML_ERROR, AL_YAML_ERROR_EMIT);

  /* The failure does not stick past a reset. */
  g_clear_error (&error);
  al_yaml_writer_reset (recorder);
  al_yaml_writer_begin_document (recorder);
  al_yaml_writer_string (recorder, "fine");
  al_yaml_writer_end_document (recorder);
  recording = al_yaml_writer_take_recording (recorder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recording);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/yaml/tricky-strings-round-trip", test_tricky_strings_round_trip);
  g_test_add_func ("/yaml/multiline-is-literal", test_multiline_is_literal);
  g_test_add_func ("/yaml/numbers-stay-numbers", test_numbers_stay_numbers);
  g_test_add_func ("/yaml/nested-structures", test_nested_structures);
  g_test_add_func ("/yaml/members-in-insertion-order", test_members_in_insertion_order);
  g_test_add_func ("/yaml/multiple-documents", test_multiple_documents);
  g_test_add_func ("/yaml/utf8-unescaped", test_utf8_unescaped);
  g_test_add_func ("/yaml/invalid-utf8-is-refused", test_invalid_utf8_is_refused);
  g_test_add_func ("/yaml/deterministic", test_deterministic);
  g_test_add_func ("/yaml/writer-events-match-trees", test_writer_events_match_trees);
  g_test_add_func ("/yaml/recording-replays-the-same-text", test_recording_replays_the_same_text);
  g_test_add_func ("/yaml/recorder-refuses-invalid-utf8", test_recorder_refuses_invalid_utf8);
  return g_test_run ();
}

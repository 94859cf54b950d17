/* test-registry-diagnostic.h: part of test-registry.c (included once,
 * there). The diagnostic image-arch-mismatch, from a table filled by hand
 * and from the real registry. */
#pragma once

/* A document with an x86 and an arm lane; api and web on arm, worker and
 * batch on x86, edge on arm with an image whose registry is down. */
static AlDocument *
make_document (const char *api_image, const char *web_image, const char *worker_image,
               const char *batch_image, const char *edge_image)
{
  g_autofree char *text = g_strdup_printf (
      "{\"format\":\"archlane\",\"version\":1,\"application\":{\"name\":\"shop\"},"
      "\"lanes\":[{\"id\":\"x86\",\"arch\":\"amd64\"},{\"id\":\"arm\",\"arch\":\"arm64\"}],"
      "\"components\":["
      "{\"id\":\"c1\",\"name\":\"api\",\"lane\":\"arm\",\"image\":\"%s\"},"
      "{\"id\":\"c2\",\"name\":\"web\",\"lane\":\"arm\",\"image\":\"%s\"},"
      "{\"id\":\"c3\",\"name\":\"worker\",\"lane\":\"x86\",\"image\":\"%s\"},"
      "{\"id\":\"c4\",\"name\":\"batch\",\"lane\":\"x86\",\"image\":\"%s\"},"
      "{\"id\":\"c5\",\"name\":\"edge\",\"lane\":\"arm\",\"image\":\"%s\"}],"
      "\"dependencies\":[]}",
      api_image, web_image, worker_image, batch_image, edge_image);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  AlDocument *document = al_document_load_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static const AlDiagnostic *
find_diagnostic (GPtrArray *diagnostics, const char *code, const char *subject)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const AlDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (strcmp (d->code, code) == 0 && strcmp (d->subject, subject) == 0)
        return d;
    }
  return NULL;
}

/* The diagnostic, which must be there. */
static const AlDiagnostic *
require_diagnostic (GPtrArray *diagnostics, const char *code, const char *subject)
{
  const AlDiagnostic *d = find_diagnostic (diagnostics, code, subject);

  if (d == NULL)
    g_error ("no %s diagnostic about %s", code, subject);
  return d;
}

static guint
count_code (GPtrArray *diagnostics, const char *code)
{
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    if (strcmp (((const AlDiagnostic *) g_ptr_array_index (diagnostics, i))->code, code) == 0)
      n++;
  return n;
}

static void
test_diagnostic_table (void)
{
  static const char *const amd64_only[] = { "linux/amd64", "windows/amd64", NULL };
  static const char *const both[] = { "linux/amd64", "linux/arm64/v8", NULL };
  static const char *const aarch64[] = { "linux/aarch64", NULL };
  static const char *const windows_arm[] = { "windows/arm64", NULL };
  g_autoptr (AlDocument) document
      = make_document ("x:1", "multi:2", "x:1", "gone:3", "unreached:4");
  g_autoptr (AlImagePlatforms) table = al_image_platforms_new ();
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) detached = NULL;
  const AlDiagnostic *mismatch;
  const AlDiagnostic *missing;
  const char *const *platforms = NULL;

  /* Without a table, validation never talks about images. */
  before = al_validate_document (document);
  g_assert_cmpuint (count_code (before, "image-arch-mismatch"), ==, 0);

  al_image_platforms_set_found (table, "x:1", amd64_only);
  al_image_platforms_set_found (table, "multi:2", both);
  al_image_platforms_set_not_found (table, "gone:3");
  al_image_platforms_set_found (table, "unreached:4", both);
  al_image_platforms_set_unknown (table, "unreached:4");
  g_assert_cmpint (al_image_platforms_lookup (table, "unreached:4", NULL), ==,
                   AL_IMAGE_STATE_UNKNOWN);
  g_assert_cmpint (al_image_platforms_lookup (table, "x:1", &platforms), ==,
                   AL_IMAGE_STATE_FOUND);
  g_assert_cmpstr (platforms[1], ==, "windows/amd64");
  al_image_check_set_platforms (document, table);
  g_assert_true (al_image_check_get_platforms (document) == table);

  after = al_validate_document (document);
  /* api (arm64) uses an amd64-only image: one error, on api only. */
  g_assert_cmpuint (count_code (after, "image-arch-mismatch"), ==, 1);
  mismatch = require_diagnostic (after, "image-arch-mismatch", "c1");
  g_assert_cmpint (mismatch->severity, ==, AL_SEVERITY_ERROR);
  g_assert_cmpstr (mismatch->path, ==, "components[0].image");
  g_assert_true (g_str_has_prefix (mismatch->message,
                                   "“api” runs on arm64, but image “x:1” has builds only for "
                                   "amd64, windows/amd64"));
  /* The registry said gone:3 does not exist: a warning. */
  missing = require_diagnostic (after, "image-not-found", "c4");
  g_assert_cmpint (missing->severity, ==, AL_SEVERITY_WARNING);
  g_assert_nonnull (strstr (missing->message, "gone:3"));
  /* The unknown image of edge gives nothing. */
  g_assert_null (find_diagnostic (after, "image-arch-mismatch", "c5"));
  g_assert_null (find_diagnostic (after, "image-not-found", "c5"));
  g_assert_cmpuint (after->len, ==, before->len + 2);

  /* Architecture aliases in the registry count; other systems do not. */
  al_image_platforms_set_found (table, "x:1", aarch64);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = al_validate_document (document);
  g_assert_null (find_diagnostic (after, "image-arch-mismatch", "c1"));
  g_assert_nonnull (find_diagnostic (after, "image-arch-mismatch", "c3")); /* worker, amd64 */
  al_image_platforms_set_found (table, "x:1", windows_arm);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = al_validate_document (document);
  g_assert_nonnull (find_diagnostic (after, "image-arch-mismatch", "c1"));

  al_image_check_set_platforms (document, NULL);
  detached = al_validate_document (document);
  g_assert_cmpuint (detached->len, ==, before->len);
}

static void
test_diagnostic_from_registry (void)
{
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();
  g_autoptr (AlImagePlatforms) table = al_image_platforms_new ();
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autofree char *amd64_only = NULL;
  g_autofree char *multi = NULL;
  g_autofree char *list = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *dead = image (dead_registry, "arch/arm-only:1");
  const AlDiagnostic *mismatch;
  g_autofree char *expected = NULL;

  if (!require_registry ())
    return;
  amd64_only = image (registry, "arch/amd64-only:1");
  multi = image (registry, "arch/multi:v1");
  list = image (registry, "arch/list:v1");
  missing = image (registry, "arch/multi:missing");
  document = make_document (amd64_only, multi, list, missing, dead);

  /* What the application does: probe every image, record, validate. */
  {
    const char *images[] = { amd64_only, multi, list, missing, dead };

    for (guint i = 0; i < G_N_ELEMENTS (images); i++)
      {
        g_autoptr (AlImageProbe) probe = al_registry_client_get_platforms (client, images[i],
                                                                           NULL, NULL);
        g_assert_nonnull (probe);
        al_image_probe_record (probe, table, images[i]);
      }
  }
  g_assert_cmpint (al_image_platforms_lookup (table, dead, NULL), ==, AL_IMAGE_STATE_UNKNOWN);
  al_image_check_set_platforms (document, table);
  diagnostics = al_validate_document (document);

  g_assert_cmpuint (count_code (diagnostics, "image-arch-mismatch"), ==, 1);
  mismatch = require_diagnostic (diagnostics, "image-arch-mismatch", "c1");
  expected = g_strdup_printf ("“api” runs on arm64, but image “%s” has builds only for amd64",
                              amd64_only);
  g_assert_true (g_str_has_prefix (mismatch->message, expected));
  g_assert_nonnull (find_diagnostic (diagnostics, "image-not-found", "c4"));
  /* The unreachable registry gives no diagnostic for edge. */
  g_assert_null (find_diagnostic (diagnostics, "image-arch-mismatch", "c5"));
  g_assert_null (find_diagnostic (diagnostics, "image-not-found", "c5"));
}

static void
test_validate_check_images (void)
{
  g_autofree char *amd64_only = NULL;
  g_autofree char *multi = NULL;
  g_autofree char *dead = image (dead_registry, "arch/arm-only:1");
  g_autofree char *path = g_build_filename (tmp, "check-images.archlane", NULL);
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out_plain = NULL;
  g_autofree char *err_plain = NULL;
  g_autofree char *expected = NULL;
  const char *check[] = { "validate", "--check-images", path, NULL };
  const char *plain[] = { "validate", path, NULL };

  if (!require_registry ())
    return;
  amd64_only = image (registry, "arch/amd64-only:1");
  multi = image (registry, "arch/multi:v1");
  document = make_document (amd64_only, multi, amd64_only, multi, dead);
  bytes = al_document_save_to_bytes (document);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL));

  /* Without the option, validation stays off the network: clean. */
  g_assert_cmpint (al_test_run_cli (plain, &out_plain, &err_plain), ==, 0);
  g_assert_null (strstr (out_plain, "image-arch-mismatch"));

  g_assert_cmpint (al_test_run_cli (check, &out, &err), ==, 1);
  expected = g_strdup_printf ("error image-arch-mismatch c1: components[0].image: “api” runs on "
                              "arm64, but image “%s” has builds only for amd64",
                              amd64_only);
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_cmpuint (count_lines (out), ==, 1);
  /* The image whose registry is down is named, not reported as an error. */
  g_assert_nonnull (strstr (err, dead));
  g_assert_nonnull (strstr (err, "cannot be checked"));
}

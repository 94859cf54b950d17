/* Compiled manifests written as a folder that `kubectl apply -k` takes. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "al-k8s-compiler.h"
#include "al-json-writer.h"
#include "al-k8s-private.h"
#include "al-yaml-writer.h"

/* The folder being written. */
typedef struct
{
  const char *dir;
  AlManifestFormat format;
  AlYamlWriter *yaml;
  GString *path;
  GPtrArray *resources;     /* the file names written so far, for kustomization.yaml */
} Folder;

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

static void
set_write_error (GError **error, Folder *folder, const char *file_name, const char *problem)
{
  g_set_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO,
               _("Cannot write “%s” in the folder “%s”: %s"), file_name, folder->dir, problem);
}

static int
open_for_writing (const char *path)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);

  /* A symbolic link is replaced by the file, not written through. */
  if (fd < 0 && errno == ELOOP && unlink (path) == 0)
    fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  return fd;
}

/* One plain write per file: thousands of files are written at once, and a
 * temporary file, a rename and two fsyncs each made that the slowest part
 * of compiling. kustomization.yaml, written last, lists the files only once
 * they are all there. */
static gboolean
write_file (Folder *folder, const char *file_name, const char *data, gsize size, GError **error)
{
  int fd, saved_errno = 0;

  g_string_truncate (folder->path, strlen (folder->dir));
  g_string_append_c (folder->path, G_DIR_SEPARATOR);
  g_string_append (folder->path, file_name);

  fd = open_for_writing (folder->path->str);
  if (fd < 0)
    {
      saved_errno = errno;
      set_write_error (error, folder, file_name, g_strerror (saved_errno));
      return FALSE;
    }
  while (size > 0)
    {
      gssize written = write (fd, data, size);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          saved_errno = errno;
          break;
        }
      data += written;
      size -= written;
    }
  /* Some file systems report a failed write only when the file is closed. */
  if (close (fd) != 0 && errno != EINTR && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      /* No half manifest stays behind for kubectl to apply. */
      g_unlink (folder->path->str);
      set_write_error (error, folder, file_name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Writes @objects (JsonNode*) as the file @file_name; in JSON, as a List
 * when @as_list, else the one object. */
static gboolean
write_objects (Folder *folder, const char *file_name, JsonNode *const *objects, guint n_objects,
               gboolean as_list, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const char *text;
  gsize length;

  if (folder->format == AL_MANIFEST_JSON)
    {
      if (!as_list)
        bytes = al_json_writer_to_bytes (objects[0]);
      else
        {
          /* Several objects in one JSON file: a v1 List, which kubectl and
           * kustomize unpack. */
          g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
          JsonObject *list = json_object_new ();
          JsonArray *items = json_array_new ();

          json_object_set_string_member (list, "apiVersion", "v1");
          json_object_set_string_member (list, "kind", "List");
          for (guint i = 0; i < n_objects; i++)
            json_array_add_element (items, json_node_ref (objects[i]));
          json_object_set_array_member (list, "items", items);
          json_node_take_object (root, list);
          bytes = al_json_writer_to_bytes (root);
        }
      text = g_bytes_get_data (bytes, &length);
      return write_file (folder, file_name, text, length, error);
    }

  al_yaml_writer_reset (folder->yaml);
  for (guint i = 0; i < n_objects; i++)
    {
      al_yaml_writer_begin_document (folder->yaml);
      al_yaml_writer_node (folder->yaml, objects[i]);
      al_yaml_writer_end_document (folder->yaml);
    }
  text = al_yaml_writer_finish (folder->yaml, &length, &local_error);
  if (text == NULL)
    {
      set_write_error (error, folder, file_name, local_error->message);
      return FALSE;
    }
  return write_file (folder, file_name, text, length, error);
}

static gboolean
folder_open (Folder *folder, const char *dir, AlManifestFormat format, GError **error)
{
  folder->dir = dir;
  folder->format = format;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  folder->yaml = al_yaml_writer_new ();
  folder->path = g_string_new (dir);
  folder->resources = g_ptr_array_new_with_free_func (g_free);
  return TRUE;
}

static void
folder_close (Folder *folder)
{
  g_clear_pointer (&folder->yaml, al_yaml_writer_free);
  if (folder->path != NULL)
    g_string_free (g_steal_pointer (&folder->path), TRUE);
  g_clear_pointer (&folder->resources, g_ptr_array_unref);
}

static gboolean
write_namespace (Folder *folder, JsonNode *object, GError **error)
{
  char *file_name = g_strdup_printf ("namespace.%s", extension (folder->format));

  g_ptr_array_add (folder->resources, file_name);
  return write_objects (folder, file_name, &object, 1, FALSE, error);
}

static gboolean
write_component (Folder *folder, const char *component_name, JsonNode *const *objects,
                 guint n_objects, GError **error)
{
  char *file_name = component_file_name (component_name, folder->format);

  g_ptr_array_add (folder->resources, file_name);
  return write_objects (folder, file_name, objects, n_objects, TRUE, error);
}

/* Last, so the folder lists its resources only once they are all there. */
static gboolean
write_kustomization (Folder *folder, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  AlYamlWriter *yaml = folder->yaml;
  const char *text;
  gsize length;

  al_yaml_writer_reset (yaml);
  al_yaml_writer_begin_document (yaml);
  al_yaml_writer_begin_mapping (yaml);
  al_yaml_writer_string (yaml, "apiVersion");
  al_yaml_writer_string (yaml, "kustomize.config.k8s.io/v1beta1");
  al_yaml_writer_string (yaml, "kind");
  al_yaml_writer_string (yaml, "Kustomization");
  al_yaml_writer_string (yaml, "resources");
  al_yaml_writer_begin_sequence (yaml);
  for (guint i = 0; i < folder->resources->len; i++)
    al_yaml_writer_string (yaml, g_ptr_array_index (folder->resources, i));
  al_yaml_writer_end_sequence (yaml);
  al_yaml_writer_end_mapping (yaml);
  al_yaml_writer_end_document (yaml);
  text = al_yaml_writer_finish (yaml, &length, &local_error);
  if (text == NULL)
    {
      set_write_error (error, folder, "kustomization.yaml", local_error->message);
      return FALSE;
    }
  return write_file (folder, "kustomization.yaml", text, length, error);
}

gboolean
al_manifests_write_to_directory (AlManifests *manifests, const char *dir, AlManifestFormat format,
                                 GError **error)
{
  Folder folder = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (manifests != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!folder_open (&folder, dir, format, error))
    return FALSE;
  if (manifests->namespace_object != NULL)
    ok = write_namespace (&folder, manifests->namespace_object, error);
  for (guint i = 0; ok && i < manifests->components->len; i++)
    {
      AlComponentManifest *manifest = g_ptr_array_index (manifests->components, i);

      ok = write_component (&folder, manifest->component_name,
                            (JsonNode *const *) manifest->objects->pdata, manifest->objects->len,
                            error);
    }
  ok = ok && write_kustomization (&folder, error);
  folder_close (&folder);
  return ok;
}

/* Streaming -------------------------------------------------------------- */

/* Two threads creating files in one folder wait for each other on the
 * folder's lock in the kernel, and the waiting one spins, a whole processor
 * lost; where creating a file is slow (ext4 without a journal steps over
 * every recently deleted inode) that was most of the time of a large
 * compile. So files are written under a lock of our own, mostly by the
 * writer thread: the compiling thread, when the writer falls behind, makes
 * the text of its components itself, and writes files only when the queue
 * is full and the lock is free (the writer thread may be waiting for a
 * processor on a busy machine). */

/* How many components may wait for the writer before the compiling thread
 * makes their text itself, and how many before it waits: enough to keep
 * both threads busy, few enough for memory to stay that of a few
 * components. */
#define MAX_PENDING 16
#define MAX_QUEUED  64

/* A component's file: its YAML calls, recorded on the compiling thread,
 * then its text, made by whichever thread is free, written by the writer
 * thread. */
typedef struct
{
  guint index;
  char *file_name;
  GBytes *recording;        /* until the text is made */
  GBytes *text;
} Job;

/* What the compiling thread and the writer thread share. */
typedef struct
{
  const char *dir;
  GAsyncQueue *jobs;        /* Job*, then end_of_jobs */
  int failed;               /* atomic: write nothing more */
  GMutex lock;
  GCond taken;              /* the writer took a job off the queue */
  GMutex file_lock;         /* held while a file is written */
  GError *error;            /* the failure of the first component that failed */
  guint error_index;
} Writers;

static Job end_of_jobs;

static void
job_free (Job *job)
{
  g_free (job->file_name);
  g_clear_pointer (&job->recording, g_bytes_unref);
  g_clear_pointer (&job->text, g_bytes_unref);
  g_free (job);
}

static void
writers_fail (Writers *writers, guint index, GError *error)
{
  g_mutex_lock (&writers->lock);
  if (writers->error == NULL || index < writers->error_index)
    {
      g_clear_error (&writers->error);
      writers->error = error;
      writers->error_index = index;
    }
  else
    g_error_free (error);
  g_mutex_unlock (&writers->lock);
  g_atomic_int_set (&writers->failed, TRUE);
}

/* Plays @job's recording into @folder's YAML writer: the text, owned by the
 * writer, or %NULL once the failure is recorded. */
static const char *
play_job (Writers *writers, Folder *folder, Job *job, gsize *length)
{
  g_autoptr (GError) local_error = NULL;
  const char *text;

  al_yaml_writer_reset (folder->yaml);
  al_yaml_writer_replay (folder->yaml, job->recording);
  g_clear_pointer (&job->recording, g_bytes_unref);
  text = al_yaml_writer_finish (folder->yaml, length, &local_error);
  if (text == NULL)
    {
      GError *error = NULL;

      set_write_error (&error, folder, job->file_name, local_error->message);
      writers_fail (writers, job->index, error);
    }
  return text;
}

/* Makes @job's text on the compiling thread, for the writer thread to
 * write. */
static void
render_job (Writers *writers, Folder *folder, Job *job)
{
  const char *text;
  gsize length;

  if (g_atomic_int_get (&writers->failed))
    return;
  text = play_job (writers, folder, job, &length);
  if (text != NULL)
    job->text = g_bytes_new (text, length);
}

/* Makes @job's text when it has none yet, and writes its file. */
static void
run_job (Writers *writers, Folder *folder, Job *job)
{
  GError *error = NULL;
  const char *text = NULL;
  gsize length = 0;

  if (!g_atomic_int_get (&writers->failed))
    {
      if (job->text != NULL)
        text = g_bytes_get_data (job->text, &length);
      else if (job->recording != NULL)
        text = play_job (writers, folder, job, &length);
      if (text != NULL)
        {
          gboolean written;

          g_mutex_lock (&writers->file_lock);
          written = write_file (folder, job->file_name, text, length, &error);
          g_mutex_unlock (&writers->file_lock);
          if (!written)
            writers_fail (writers, job->index, error);
        }
    }
  job_free (job);
}

static gpointer
writer_thread (gpointer data)
{
  Writers *writers = data;
  Folder folder = { 0 };
  Job *job;

  folder.dir = writers->dir;
  folder.format = AL_MANIFEST_YAML;
  folder.yaml = al_yaml_writer_new ();
  folder.path = g_string_new (writers->dir);
  while ((job = g_async_queue_pop (writers->jobs)) != &end_of_jobs)
    {
      g_mutex_lock (&writers->lock);
      g_cond_signal (&writers->taken);
      g_mutex_unlock (&writers->lock);
      run_job (writers, &folder, job);
    }
  folder_close (&folder);
  return NULL;
}

/* Hands @job to the writer thread: makes its text first when the writer
 * is behind; while the queue is full, writes the oldest file itself when
 * no file is being written, else waits for the writer. */
static void
queue_job (Writers *writers, Folder *folder, Job *job)
{
  if (g_async_queue_length (writers->jobs) >= MAX_PENDING)
    render_job (writers, folder, job);
  g_async_queue_push (writers->jobs, job);
  while (g_async_queue_length (writers->jobs) > MAX_QUEUED)
    {
      if (g_mutex_trylock (&writers->file_lock))
        {
          /* run_job takes the lock itself. */
          g_mutex_unlock (&writers->file_lock);
          if ((job = g_async_queue_try_pop (writers->jobs)) != NULL)
            run_job (writers, folder, job);
          continue;
        }
      g_mutex_lock (&writers->lock);
      if (g_async_queue_length (writers->jobs) > MAX_QUEUED)
        g_cond_wait (&writers->taken, &writers->lock);
      g_mutex_unlock (&writers->lock);
    }
}

/* The JSON files of the components, one at a time: the trees of one
 * component, written, then dropped. */
static gboolean
write_json_components (Folder *folder, AlGraph *graph, AlInjectionResolver *resolver,
                       GPtrArray *envs, GError **error)
{
  g_autoptr (GString) scratch = g_string_new (NULL);
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < al_graph_get_n_components (graph); i++)
    {
      AlComponent *component = al_graph_get_component (graph, i);
      g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      g_autoptr (GPtrArray) stack = g_ptr_array_new ();
      AlK8sOut out = { .objects = objects, .stack = stack };

      al_k8s_component_objects (graph, resolver, component, g_ptr_array_index (envs, i), &out,
                                scratch);
      g_clear_pointer (&g_ptr_array_index (envs, i), al_resolved_env_free);
      ok = write_component (folder, al_component_get_name (component),
                            (JsonNode *const *) objects->pdata, objects->len, error);
    }
  return ok;
}

/* The YAML files of the components. This thread reads the document and
 * records each component's YAML calls; the writer thread plays them into
 * libyaml, which is most of the work, and writes the files. This thread
 * plays them too whenever the writer falls behind, but leaves the files to
 * it (see above). Only this thread reads the document: GListStore and its
 * friends are not made for two. Without a second processor (or thread),
 * this thread does it all. */
static gboolean
write_yaml_components (Folder *folder, AlGraph *graph, AlInjectionResolver *resolver,
                       GPtrArray *envs, GError **error)
{
  g_autoptr (AlYamlWriter) recorder = al_yaml_writer_new_recorder ();
  g_autoptr (GString) scratch = g_string_new (NULL);
  Writers writers = { 0 };
  AlK8sOut out = { .yaml = recorder };
  GThread *thread = NULL;
  Job *job;

  writers.dir = folder->dir;
  writers.jobs = g_async_queue_new ();
  g_mutex_init (&writers.lock);
  g_cond_init (&writers.taken);
  g_mutex_init (&writers.file_lock);
  if (g_get_num_processors () > 1)
    thread = g_thread_try_new ("al-manifests", writer_thread, &writers, NULL);

  for (guint i = 0; i < al_graph_get_n_components (graph) && !g_atomic_int_get (&writers.failed);
       i++)
    {
      AlComponent *component = al_graph_get_component (graph, i);
      GError *local_error = NULL;

      job = g_new0 (Job, 1);
      job->index = i;
      job->file_name = component_file_name (al_component_get_name (component), folder->format);
      g_ptr_array_add (folder->resources, g_strdup (job->file_name));
      al_yaml_writer_reset (recorder);
      al_k8s_component_objects (graph, resolver, component, g_ptr_array_index (envs, i), &out,
                                scratch);
      /* Done with: memory stays that of the components still to come. */
      g_clear_pointer (&g_ptr_array_index (envs, i), al_resolved_env_free);
      job->recording = al_yaml_writer_take_recording (recorder, &local_error);
      if (job->recording == NULL)
        {
          GError *write_error = NULL;

          set_write_error (&write_error, folder, job->file_name, local_error->message);
          g_error_free (local_error);
          writers_fail (&writers, i, write_error);
          job_free (job);
          break;
        }
      if (thread != NULL)
        queue_job (&writers, folder, job);
      else
        run_job (&writers, folder, job);
    }
  if (thread != NULL)
    {
      g_async_queue_push (writers.jobs, &end_of_jobs);
      g_thread_join (thread);
    }

  g_async_queue_unref (writers.jobs);
  g_cond_clear (&writers.taken);
  g_mutex_clear (&writers.file_lock);
  g_mutex_clear (&writers.lock);
  if (writers.error != NULL)
    {
      g_propagate_error (error, writers.error);
      return FALSE;
    }
  return TRUE;
}

gboolean
al_k8s_compile_to_directory (AlGraph *graph, const char *dir, AlManifestFormat format,
                             GPtrArray **diagnostics, GError **error)
{
  g_autoptr (GPtrArray) envs = NULL;
  g_autoptr (AlInjectionResolver) resolver = NULL;
  AlDocument *document;
  const char *namespace_;
  Folder folder = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing is written, not even the folder, for a document with errors. */
  envs = al_k8s_validate_for_compile (graph, diagnostics, error);
  if (envs == NULL)
    return FALSE;
  if (!folder_open (&folder, dir, format, error))
    return FALSE;

  document = al_graph_get_document (graph);
  namespace_ = al_k8s_document_namespace (document);
  if (namespace_ != NULL)
    {
      g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      g_autoptr (GPtrArray) stack = g_ptr_array_new ();
      AlK8sOut out = { .objects = objects, .stack = stack };

      al_k8s_namespace_object (document, namespace_, &out);
      ok = write_namespace (&folder, g_ptr_array_index (objects, 0), error);
    }

  resolver = al_injection_resolver_new (graph);
  if (ok && format == AL_MANIFEST_YAML)
    ok = write_yaml_components (&folder, graph, resolver, envs, error);
  else if (ok)
    ok = write_json_components (&folder, graph, resolver, envs, error);
  ok = ok && write_kustomization (&folder, error);
  folder_close (&folder);
  return ok;
}

package explore

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Listen opens the address naturec explore --serve serves on. An address
// without a host (":8080") listens on the loopback interface only; a
// host that is not a loopback address is refused unless public is set,
// so that a page of one's code is not served to the network by accident.
func Listen(addr string, public bool) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if host == "" {
		host = "127.0.0.1"
	}
	if !public && !isLoopback(host) {
		return nil, fmt.Errorf("%s is not a loopback address (serving to the network needs --public)", host)
	}
	return net.Listen("tcp", net.JoinHostPort(host, port))
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// A Handler serves the page of one program and rebuilds it when one of
// the program's source files changes (checked on each request, so the
// page's reload script, which asks for "version" every second, sees a
// change within a second). GET / is the page, GET /version its version;
// a program that does not compile is served as a page showing the
// error, until it compiles again.
type Handler struct {
	path string
	opts Options

	mu      sync.Mutex
	files   []string // the program's source files (Page.Sources)
	stamp   string   // their names, sizes and times at the last build
	version string
	page    []byte
}

// NewHandler returns a Handler for the program at path.
func NewHandler(path string, opts Options) *Handler {
	return &Handler{path: path, opts: opts}
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	page, version := h.current()
	switch r.URL.Path {
	case "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(page)
	case "/version":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(version))
	default:
		http.NotFound(w, r)
	}
}

// current returns the page, rebuilt if a source file changed.
func (h *Handler) current() ([]byte, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.page != nil && sourceStamp(h.files) == h.stamp {
		return h.page, h.version
	}
	h.version = strconv.FormatInt(time.Now().UnixNano(), 36)
	var buf bytes.Buffer
	p, err := Build(h.path, h.opts)
	if err == nil {
		h.files = p.Sources
		err = p.WriteHTML(&buf, HTMLOptions{Reload: true, Version: h.version})
	}
	if err != nil {
		if len(h.files) == 0 {
			if f, err := mainFile(h.path); err == nil {
				h.files = []string{f}
			}
		}
		buf.Reset()
		errPage := &Page{Title: h.path}
		errPage.WriteHTML(&buf, HTMLOptions{Reload: true, Version: h.version, Error: err.Error()})
	}
	// The stamp is taken after the build: a file saved during it is
	// seen on the next request.
	h.stamp = sourceStamp(h.files)
	h.page = buf.Bytes()
	return h.page, h.version
}

// sourceStamp describes the files: names, sizes and modification
// times.
func sourceStamp(files []string) string {
	var sb strings.Builder
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			fmt.Fprintf(&sb, "%s %d %d\n", f, info.Size(), info.ModTime().UnixNano())
		} else {
			fmt.Fprintf(&sb, "%s missing\n", f)
		}
	}
	return sb.String()
}

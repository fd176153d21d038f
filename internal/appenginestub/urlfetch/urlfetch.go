// Package urlfetch stands in for App Engine's urlfetch package, which colly
// imports for its Collector.Appengine method alone. archivist never runs on
// App Engine and never calls that method; the real package brings App
// Engine's and the protocol buffers' package initialisation into every start
// of the binary. See go.mod's replace directive.
package urlfetch

import (
	"context"
	"net/http"
)

// Client returns a new plain HTTP client: there is no App Engine here.
func Client(ctx context.Context) *http.Client {
	return &http.Client{}
}

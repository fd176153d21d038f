package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/archivist-project/archivist/bench/evalsets"
)

// The sets, modules and loaders of package evalsets, under the names this
// command has always used.
const (
	trafilaturaModule = evalsets.TrafilaturaModule
	htmldateModule    = evalsets.HtmldateModule
	setTrafilatura    = evalsets.SetTrafilatura
	setHtmldate       = evalsets.SetHtmldate
)

// page is one HTML file with its ground truth.
type page = evalsets.Page

var (
	moduleDir          = evalsets.ModuleDir
	loadTrafilaturaSet = evalsets.LoadTrafilatura
	loadHtmldateSet    = evalsets.LoadHtmldate
	siteHost           = evalsets.SiteHost
)

// benchHosts returns the hosts (lower case, without "www.") of the pages
// of shared/extraction-bench, read from its ground-truth.json.
func benchHosts(dir string) (map[string]bool, error) {
	path := filepath.Join(dir, "ground-truth.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bench hosts: %w", err)
	}
	var gt map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("bench hosts: %s: %w", path, err)
	}
	hosts := make(map[string]bool, len(gt))
	for _, e := range gt {
		if h := siteHost(e.URL); h != "" {
			hosts[h] = true
		}
	}
	return hosts, nil
}

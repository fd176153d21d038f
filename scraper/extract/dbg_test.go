package extract
import ("testing";"fmt";"time";"strings")
func TestDbgMeta(t *testing.T){
 for _,pg:=range loadBench(t){
  a,_:=Extract(Input{Body:pg.html,URL:pg.url,FetchedAt:time.Date(2026,1,1,0,0,0,0,time.UTC)})
  pub:="-"; if a.Published!=nil {pub=a.Published.Format(time.RFC3339)}
  mod:="-"; if a.Modified!=nil {mod=a.Modified.Format(time.RFC3339)}
  fmt.Printf("%s|%s|%s|%s|%q|%s|%s|%s|%v|%d|%s|%s\n", pg.id[:6], a.Language, pub, mod, a.Title, strings.Join(a.Authors,";"), a.SiteName, a.Section, a.Flags, a.WordCount, a.CanonicalURL, strings.Join(a.Tags,","))
 }
}

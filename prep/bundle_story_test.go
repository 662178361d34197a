package prep_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// sampleStories are two stories as a candidate writes them: one whole, with hostile text where a
// report must escape it, and one just begun.
func sampleStories() []prep.Story {
	at := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	whole := prep.Story{ID: sampleID("story-whole"), Title: "Replacing an EM mid-quarter " + hostileScript,
		Year: 2024, Month: 9, Where: "Northwind Payments", Role: "Director of Engineering", Teams: 4, People: 36, Budget: "$4.8M",
		Situation: "The payments EM resigned six weeks before a **regulatory** deadline.",
		Actions:   "I asked the staff engineer to run delivery, and I took the EM's 1:1s. " + hostileImg,
		Result:    "We shipped on time.", Numbers: "deadline met with 4 days spare; no regretted attrition in 6 months",
		Learning: "Name the interim lead on day one.", Competencies: []string{"developing-people", "delivery"},
		CreatedAt: at, UpdatedAt: at.Add(48 * time.Hour)}
	begun := prep.Story{ID: sampleID("story-begun"), CreatedAt: at, UpdatedAt: at}
	return []prep.Story{whole, begun}
}

func storyBundle(t testing.TB) prep.Bundle {
	b := tinyBundle(t)
	b.Stories = sampleStories()
	return b
}

// storyCommentBundle is a feedback bundle of one comment on the first sample story.
func storyCommentBundle(t testing.TB) prep.Bundle {
	stories := sampleStories()
	at := time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)
	c := prep.StoryComment{ID: sampleID("story-comment"), StoryID: stories[0].ID, Reviewer: "Priya Raman", CommentedAt: at,
		Comment: "Lead with the deadline, then the **numbers**."}
	return prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: at, ExportedBy: "Priya Raman", StoryComments: []prep.StoryComment{c}}
}

// Stories travel in a bundle whole, the document is version 2 and matches the schema; a bundle
// without them is still version 1, so a mentor on an older PanelPrep reads it.
func TestBundleStoriesRoundTrip(t *testing.T) {
	sch := compileSchema(t)
	b := storyBundle(t)
	data := encode(t, b)
	if err := schemaValidate(t, sch, data); err != nil {
		t.Fatalf("the schema rejects a bundle with stories: %v", err)
	}
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil || head.Version != 2 {
		t.Fatalf("version %d, %v; want 2 for a bundle with stories", head.Version, err)
	}
	got, err := decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Stories, b.Stories) {
		t.Fatalf("stories changed in the round trip:\n%+v\nwant\n%+v", got.Stories, b.Stories)
	}
	if again := encode(t, *got); !bytes.Equal(again, data) {
		t.Error("decode then encode changed the bundle")
	}

	if err := json.Unmarshal(encode(t, tinyBundle(t)), &head); err != nil || head.Version != 1 {
		t.Errorf("a bundle without stories is version %d, want 1", head.Version)
	}
	// Stories alone are worth sending a mentor.
	only := prep.Bundle{Kind: prep.BundleAttempts, ExportedAt: b.ExportedAt, Stories: b.Stories}
	doc := encode(t, only)
	if _, err := decode(doc); err != nil {
		t.Errorf("a bundle of stories alone: %v", err)
	}
	if err := schemaValidate(t, sch, doc); err != nil {
		t.Errorf("the schema rejects a bundle of stories alone: %v", err)
	}
}

// An attempt that names the story it told carries the ID: the bundle is version 2 even without
// the bank, matches the schema, and a version-1 bundle naming a story is refused.
func TestBundleAttemptStoryID(t *testing.T) {
	sch := compileSchema(t)
	b := tinyBundle(t)
	b.Attempts[1].StoryID = sampleID("story-whole")
	data := encode(t, b)
	if err := schemaValidate(t, sch, data); err != nil {
		t.Fatalf("the schema rejects an attempt naming its story: %v", err)
	}
	got, err := decode(data)
	if err != nil || got.Attempts[1].StoryID != b.Attempts[1].StoryID || got.Attempts[0].StoryID != uuid.Nil {
		t.Fatalf("story IDs after the round trip: %v", err)
	}
	if !bytes.Contains(data, []byte(`"version": 2`)) {
		t.Error("a bundle naming a story is not version 2")
	}
	v1 := bytes.Replace(data, []byte(`"version": 2`), []byte(`"version": 1`), 1)
	if _, err := decode(v1); err == nil || !strings.Contains(err.Error(), "attempts[1].story_id: needs format version 2") {
		t.Errorf("version 1 naming a story: %v", err)
	}
	if schemaValidate(t, sch, v1) == nil {
		t.Error("the schema accepts a version-1 bundle naming a story")
	}
	bad := bytes.Replace(data, []byte(`"story_id": "`+b.Attempts[1].StoryID.String()), []byte(`"story_id": "story-1`), 1)
	if _, err := decode(bad); err == nil || !strings.Contains(err.Error(), "attempts[1].story_id") {
		t.Errorf("a story ID that is no UUID: %v", err)
	}
}

// A hostile, damaged or cut-short story is refused with the path of what is wrong, by the
// decoder and (where a schema can say it) by the schema.
func TestBundleStoriesRefused(t *testing.T) {
	sch := compileSchema(t)
	base := storyBundle(t)
	story := func(d map[string]any, i int) map[string]any { return d["stories"].([]any)[i].(map[string]any) }
	cases := map[string]invalidCase{
		"month 13":        {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 0)["month"] = 13 }), path: "stories[0].month"},
		"month, no year":  {doc: mutateBundle(t, base, func(d map[string]any) { delete(story(d, 0), "year") }), path: "stories[0].month"},
		"huge title":      {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 1)["title"] = strings.Repeat("x", 5000) }), path: "stories[1].title"},
		"huge actions":    {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 0)["actions"] = strings.Repeat("y", 20001) }), path: "stories[0].actions"},
		"negative people": {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 0)["people"] = -1 }), path: "stories[0].people"},
		"bad competency":  {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 0)["competencies"] = []any{"../../etc"} }), path: "stories[0].competencies[0]"},
		"unknown field":   {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 0)["password"] = "x" }), path: "stories[0].password"},
		"missing id":      {doc: mutateBundle(t, base, func(d map[string]any) { delete(story(d, 1), "id") }), path: "stories[1].id"},
		"null competencies": {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 0)["competencies"] = nil }),
			path: "stories[0].competencies"},
		"bad time":             {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 0)["updated_at"] = "last week" }), path: "stories[0].updated_at"},
		"stories in version 1": {doc: mutateBundle(t, base, func(d map[string]any) { d["version"] = 1 }), path: "stories"},
		"stories in feedback": {doc: mutateBundle(t, base, func(d map[string]any) {
			d["kind"] = "feedback"
			d["reviews"] = []any{}
		}), path: "stories"},
		"story twice": {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 1)["id"] = story(d, 0)["id"] }),
			path: "stories[1].id", schemaOK: true},
		"updated before created": {doc: mutateBundle(t, base, func(d map[string]any) { story(d, 0)["updated_at"] = "2020-01-01T00:00:00Z" }),
			path: "stories[0].updated_at", schemaOK: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := decode(c.doc)
			var be *prep.BundleError
			if !errors.As(err, &be) || b != nil {
				t.Fatalf("DecodeBundle: bundle %v, error %v; want a *BundleError", b != nil, err)
			}
			if !strings.Contains(err.Error(), c.path+":") && !strings.Contains(err.Error(), c.path+" ") {
				t.Errorf("error does not name %s:\n%v", c.path, err)
			}
			if err := schemaValidate(t, sch, c.doc); (err == nil) != c.schemaOK {
				t.Errorf("schema: %v (schemaOK %v)", err, c.schemaOK)
			}
		})
	}
	// Cut short in the middle of a story: refused, saying where the file ends.
	full := encode(t, base)
	cut := full[:bytes.Index(full, []byte(`"learning"`))]
	if b, err := decode(cut); err == nil || b != nil || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("a bundle cut short inside a story: %v", err)
	}
}

// A mentor's comments on stories travel back in a feedback bundle (version 2), alone or beside
// reviews; anywhere else, or broken, they are refused with their path.
func TestBundleStoryComments(t *testing.T) {
	sch := compileSchema(t)
	stories := sampleStories()
	c, err := prep.NewStoryComment(&stories[0], " Priya Raman ", "Lead with the **deadline**. "+hostileScript, time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC))
	if err != nil || c.Reviewer != "Priya Raman" {
		t.Fatalf("NewStoryComment: %+v, %v", c, err)
	}
	if _, err := prep.NewStoryComment(&stories[0], "", "x", time.Now()); err == nil || !strings.Contains(err.Error(), "story_comment.reviewer") {
		t.Errorf("a comment with no reviewer: %v", err)
	}
	fb := prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: c.CommentedAt, ExportedBy: "Priya Raman"}
	fb.AddStoryComment(c)
	data := encode(t, fb)
	if err := schemaValidate(t, sch, data); err != nil {
		t.Fatalf("the schema rejects a feedback bundle of story comments: %v", err)
	}
	got, err := decode(data)
	if err != nil || len(got.StoryComments) != 1 || !reflect.DeepEqual(got.StoryComments[0], c) {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	if !bytes.Contains(data, []byte(`"version": 2`)) {
		t.Error("a bundle with story comments is not version 2")
	}
	story := func(d map[string]any) map[string]any { return d["story_comments"].([]any)[0].(map[string]any) }
	for name, c := range map[string]invalidCase{
		"in version 1":  {doc: bytes.Replace(data, []byte(`"version": 2`), []byte(`"version": 1`), 1), path: "story_comments"},
		"empty comment": {doc: mutateBundle(t, fb, func(d map[string]any) { story(d)["comment"] = "  " }), path: "story_comments[0].comment"},
		"no story":      {doc: mutateBundle(t, fb, func(d map[string]any) { story(d)["story_id"] = "x" }), path: "story_comments[0].story_id"},
		"unknown field": {doc: mutateBundle(t, fb, func(d map[string]any) { story(d)["score"] = 4 }), path: "story_comments[0].score"},
		"huge reviewer": {doc: mutateBundle(t, fb, func(d map[string]any) { story(d)["reviewer"] = strings.Repeat("P", 201) }), path: "story_comments[0].reviewer"},
		"in an attempts bundle": {doc: mutateBundle(t, fb, func(d map[string]any) {
			d["kind"] = "attempts"
			d["stories"] = []any{map[string]any{"id": story(d)["story_id"], "title": "t", "competencies": []any{},
				"created_at": "2026-11-01T00:00:00Z", "updated_at": "2026-11-01T00:00:00Z"}}
		}), path: "story_comments"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := decode(c.doc); err == nil || !strings.Contains(err.Error(), c.path) {
				t.Errorf("DecodeBundle: %v; want a problem at %s", err, c.path)
			}
			if err := schemaValidate(t, sch, c.doc); err == nil {
				t.Error("the schema accepts it")
			}
		})
	}
}

// A record that appears twice in a bundle is reported at its second place, naming the first, for
// each kind of record a bundle carries in a list.
func TestBundleReportsRecordsThatAppearTwice(t *testing.T) {
	stories := storyBundle(t)
	stories.Attempts = append(stories.Attempts, stories.Attempts[0])
	stories.Stories = append(stories.Stories, stories.Stories[0])
	comments := storyCommentBundle(t)
	comments.StoryComments = append(comments.StoryComments, comments.StoryComments[0])
	for _, c := range []struct {
		b    prep.Bundle
		want string
	}{
		{stories, fmt.Sprintf("attempts[%d].id: attempt %s appears twice (first at attempts[0])", len(stories.Attempts)-1, stories.Attempts[0].ID)},
		{stories, fmt.Sprintf("stories[%d].id: story %s appears twice (first at stories[0])", len(stories.Stories)-1, stories.Stories[0].ID)},
		{comments, fmt.Sprintf("story_comments[1].id: comment %s appears twice (first at story_comments[0])", comments.StoryComments[0].ID)},
	} {
		var got []string
		for _, p := range c.b.Validate() {
			got = append(got, p.String())
		}
		if !slices.Contains(got, c.want) {
			t.Errorf("problems %q\nwant %q among them", got, c.want)
		}
	}
}

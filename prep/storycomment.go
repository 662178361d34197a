package prep

// A mentor's comment on one of the candidate's stories. It travels back in a feedback bundle
// (format version 2) beside the reviews of attempts, and is kept beside the story: it never
// changes the story itself.

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// StoryComment is a mentor's comment on a story.
type StoryComment struct {
	ID          uuid.UUID `json:"id"`
	StoryID     uuid.UUID `json:"story_id"`
	Reviewer    string    `json:"reviewer"`
	CommentedAt time.Time `json:"commented_at"`
	Comment     string    `json:"comment"` // Markdown
}

// NewStoryComment returns a checked comment on s with a fresh ID.
func NewStoryComment(s *Story, reviewer, comment string, at time.Time) (StoryComment, error) {
	c := StoryComment{ID: uuid.New(), StoryID: s.ID, Reviewer: strings.TrimSpace(reviewer), CommentedAt: at, Comment: comment}
	if problems := c.Check("story_comment"); len(problems) > 0 {
		return StoryComment{}, &BundleError{Problems: problems}
	}
	return c, nil
}

// Check reports what is wrong with the comment, with paths under at.
func (c *StoryComment) Check(at string) []Problem {
	v := &validator{}
	if c.ID == uuid.Nil {
		v.add(at+".id", "is missing (the nil UUID is not a comment ID)")
	}
	if c.StoryID == uuid.Nil {
		v.add(at+".story_id", "is missing")
	}
	v.reviewer(at+".reviewer", c.Reviewer, "comment")
	if c.CommentedAt.IsZero() {
		v.add(at+".commented_at", "is missing")
	}
	if strings.TrimSpace(c.Comment) == "" {
		v.add(at+".comment", "is empty")
	} else {
		v.storyText(at+".comment", c.Comment, MaxStoryText)
	}
	return v.problems
}

// AddStoryComment puts a comment into a feedback bundle.
func (b *Bundle) AddStoryComment(c StoryComment) { b.StoryComments = append(b.StoryComments, c) }

type storyCommentJSON struct {
	ID          string `json:"id"`
	StoryID     string `json:"story_id"`
	Reviewer    string `json:"reviewer"`
	CommentedAt string `json:"commented_at"`
	Comment     string `json:"comment"`
}

func storyCommentToWire(c StoryComment) storyCommentJSON {
	return storyCommentJSON{ID: c.ID.String(), StoryID: c.StoryID.String(), Reviewer: c.Reviewer,
		CommentedAt: formatTime(c.CommentedAt), Comment: c.Comment}
}

func (p *parser) storyComment(at string, w *storyCommentJSON) StoryComment {
	return StoryComment{ID: p.uuid(at+".id", w.ID), StoryID: p.uuid(at+".story_id", w.StoryID), Reviewer: w.Reviewer,
		CommentedAt: p.time(at+".commented_at", w.CommentedAt), Comment: w.Comment}
}

// storyComments checks the bundle's comments on stories: only a feedback bundle carries them, each
// is whole, none appears twice.
func (c *bundleCheck) storyComments(b *Bundle) {
	if len(b.StoryComments) > 0 && b.Kind != BundleFeedback {
		c.add("story_comments", "only a feedback bundle carries a mentor's comments on stories")
	}
	seen := map[uuid.UUID]int{}
	for i := range b.StoryComments {
		sc := &b.StoryComments[i]
		at := fmt.Sprintf("story_comments[%d]", i)
		c.once(seen, sc.ID, i, at, "comment", "story_comments")
		c.problems = append(c.problems, sc.Check(at)...)
	}
}

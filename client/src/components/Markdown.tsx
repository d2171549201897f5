import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

interface MdNode {
  type: string;
  children?: MdNode[];
}

/** A remark plugin: raw HTML in the text becomes plain text, shown as written and never parsed. */
function htmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}
// GitHub-flavoured markdown: tables, task lists, ~~strikethrough~~ and bare links
const remarkPlugins = [remarkGfm, htmlAsText];

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="md-image-alt">[image: {alt ?? ''}]</span>,
};

/**
 * Renders user-written markdown (GitHub-flavoured: tables and task lists too) as React elements. Raw HTML in the text is shown as text
 * (never injected), and unsafe link protocols such as javascript: are stripped by react-markdown.
 */
export function Markdown({
  text,
  className,
  emptyText = 'No description.',
}: {
  text: string;
  className?: string;
  emptyText?: string;
}) {
  if (!text.trim()) return <p className="muted">{emptyText}</p>;
  return (
    <div className={`markdown${className ? ` ${className}` : ''}`}>
      <ReactMarkdown remarkPlugins={remarkPlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

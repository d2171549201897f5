import { useEffect, useRef, useState } from 'react';

interface SearchInputProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
  testId?: string;
  delayMs?: number;
}

/** A search box that reports its value once typing pauses, so each keystroke is not a request. */
export function SearchInput({ value, onChange, label, placeholder, testId, delayMs = 300 }: SearchInputProps) {
  const [text, setText] = useState(value);
  const lastSent = useRef(value);

  useEffect(() => {
    // follow outside changes (back button, "clear filters")
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === lastSent.current) return;
    const timer = setTimeout(() => {
      lastSent.current = text;
      onChange(text);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs, onChange]);

  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder ?? label}
      value={text}
      onChange={(e) => setText(e.target.value)}
      data-testid={testId}
    />
  );
}

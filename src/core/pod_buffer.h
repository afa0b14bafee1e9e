// PodBuffer<T>: a growable array of trivially copyable values whose growth does not initialise
// memory, so a hot loop can reserve room once and then append through a raw pointer (the tape
// builder writes one value per delimiter this way).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>

namespace wharf {

template <typename T>
class PodBuffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  PodBuffer() = default;
  PodBuffer(PodBuffer&& other) noexcept { *this = std::move(other); }
  PodBuffer& operator=(PodBuffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    return *this;
  }
  PodBuffer(const PodBuffer&) = delete;
  PodBuffer& operator=(const PodBuffer&) = delete;
  ~PodBuffer() { std::free(data_); }

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  void clear() { size_ = 0; }

  void push_back(const T& value) {
    if (size_ == capacity_) Grow(size_ + 1);
    data_[size_++] = value;
  }
  // Room for `extra` more values; returns where the next one goes. Write them, then Commit().
  T* AppendPointer(size_t extra) {
    if (size_ + extra > capacity_) Grow(size_ + extra);
    return data_ + size_;
  }
  void Commit(const T* end) { size_ = static_cast<size_t>(end - data_); }
  void reserve(size_t capacity) {
    if (capacity > capacity_) Grow(capacity);
  }

 private:
  void Grow(size_t needed) {
    size_t capacity = capacity_ < 64 ? 64 : capacity_ * 2;
    while (capacity < needed) capacity *= 2;
    T* grown = static_cast<T*>(std::realloc(data_, capacity * sizeof(T)));
    if (grown == nullptr) throw std::bad_alloc();
    data_ = grown;
    capacity_ = capacity;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace wharf
